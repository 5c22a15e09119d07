# task: c0rp0022
from itertools import product


def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r, c in product(range(1, h - 1), range(1, w - 1)):
        v = grid[r][c]
        if v and all(grid[r + dr][c + dc] == v for dr, dc in product((-1, 0, 1), repeat=2)):
            out[r][c] = 0
    return out
