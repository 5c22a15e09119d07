# task: c0rp0019
from functools import reduce


def transform(grid):
    mid = len(grid[0]) // 2
    out = []
    for row in grid:
        left, right = row[:mid], row[mid + 1:]
        out.append([reduce(lambda x, y: x and y, (l, r)) and 2 or 0 for l, r in zip(left, right)])
    return out
