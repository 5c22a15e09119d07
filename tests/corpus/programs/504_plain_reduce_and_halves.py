# task: c0rp0019
from functools import reduce


def transform(grid):
    w = (len(grid[0]) - 1) // 2
    halves = [[row[:w] for row in grid], [row[w + 1:] for row in grid]]
    both = reduce(lambda x, y: [[int(a and b) for a, b in zip(ra, rb)] for ra, rb in zip(x, y)], halves)
    return [[2 * v for v in row] for row in both]
