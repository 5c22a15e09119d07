# task: c0rp0017
from collections import Counter


def transform(grid):
    h, w = len(grid), len(grid[0])
    counts = Counter(v for row in grid for v in row)
    rare = {v for v, n in counts.items() if n < 20}
    return [[0 if grid[r][c] in rare else grid[r][c] for c in range(w)] for r in range(h)]
