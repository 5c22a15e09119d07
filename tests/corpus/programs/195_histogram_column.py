# task: c0rp0016
from collections import Counter


def transform(grid):
    """Colours sorted by frequency, most frequent first, as a column."""
    counts = Counter(v for row in grid for v in row)
    order = sorted(counts, key=lambda c: (-counts[c], c))
    return [[c] for c in order]
