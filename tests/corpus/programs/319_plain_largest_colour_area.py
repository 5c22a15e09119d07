# task: c0rp0011
from collections import Counter


def transform(grid):
    counts = Counter(v for row in grid for v in row if v)
    colour = max(counts, key=counts.get)
    cells = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v == colour]
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    h = max(r for r, _ in cells) - r0 + 1
    w = max(c for _, c in cells) - c0 + 1
    out = [[0] * w for _ in range(h)]
    for r, c in cells:
        out[r - r0][c - c0] = colour
    return out
