# Hollow out objects: cells whose four neighbours all share their colour become background.
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
    out = [list(row) for row in grid]
    for r in range(1, h - 1):
        for c in range(1, w - 1):
            v = grid[r][c]
            if v != bg and grid[r - 1][c] == v and grid[r + 1][c] == v and grid[r][c - 1] == v and grid[r][c + 1] == v:
                out[r][c] = bg
    return out
