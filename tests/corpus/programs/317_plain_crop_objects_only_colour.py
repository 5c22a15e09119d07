# task: c0rp0004
from collections import Counter


def transform(grid):
    """Crop to the most common non-zero colour and erase other colours."""
    counts = Counter(v for row in grid for v in row if v)
    colour = counts.most_common(1)[0][0]
    rows = [r for r, row in enumerate(grid) if colour in row]
    cols = [c for c in range(len(grid[0])) if any(row[c] == colour for row in grid)]
    return [[v if v == colour else 0 for v in grid[r][cols[0]:cols[-1] + 1]] for r in range(rows[0], rows[-1] + 1)]
