# task: c0rp0022
import math


def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    centre_r, centre_c = math.floor(h / 2), math.floor(w / 2)
    for r in range(1, h - 1):
        for c in range(1, w - 1):
            v = grid[r][c]
            if v and grid[r - 1][c] == grid[r + 1][c] == grid[r][c - 1] == grid[r][c + 1] == v:
                out[r][c] = 0
    print("centre", centre_r, centre_c)
    return out
