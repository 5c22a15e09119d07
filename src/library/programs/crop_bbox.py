# Crop to the bounding box of all non-background cells (background = most common colour).
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)


def transform(grid):
    bg = background(grid)
    cells = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v != bg]
    if not cells:
        raise ValueError("no foreground")
    r0 = min(r for r, _ in cells)
    r1 = max(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    c1 = max(c for _, c in cells)
    return [row[c0:c1 + 1] for row in grid[r0:r1 + 1]]
