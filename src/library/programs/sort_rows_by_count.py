# Sort the rows by their number of non-background cells, fewest first (stable).
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)

def transform(grid):
    bg = background(grid)
    return [list(row) for row in sorted(grid, key=lambda row: sum(v != bg for v in row))]
