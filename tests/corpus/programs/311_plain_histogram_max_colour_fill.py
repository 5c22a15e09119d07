# task: c0rp0016
from collections import Counter


def transform(grid):
    c = Counter(v for row in grid for v in row)
    (top, n), = c.most_common(1)
    return [[top] * len(grid[0]) for _ in range(len(grid))]
