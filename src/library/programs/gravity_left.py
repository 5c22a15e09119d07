# Gravity left: in every row the non-background cells slide to the left edge, keeping their order.
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)


def transform(grid):
    bg = background(grid)
    out = []
    for row in grid:
        cells = [v for v in row if v != bg]
        out.append(cells + [bg] * (len(row) - len(cells)))
    return out
