# Gravity up: in every column the non-background cells rise to the top, keeping their order.
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)


def transform(grid):
    bg = background(grid)
    h, w = len(grid), len(grid[0])
    out = [[bg] * w for _ in range(h)]
    for c in range(w):
        cells = [grid[r][c] for r in range(h) if grid[r][c] != bg]
        for i, v in enumerate(cells):
            out[i][c] = v
    return out
