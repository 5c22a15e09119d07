# Sort the columns by their number of non-background cells, fewest first (stable).
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)

def transform(grid):
    bg = background(grid)
    cols = sorted(zip(*grid), key=lambda col: sum(v != bg for v in col))
    return [list(row) for row in zip(*cols)]
