# Scale the grid down: every ry-by-rx block becomes one cell of its most common colour (factors learned).
from collections import Counter

RATIO = __INV_RATIO__


def transform(grid):
    ry, rx = RATIO
    h, w = len(grid), len(grid[0])
    if h % ry or w % rx:
        raise ValueError("grid does not divide into blocks")
    out = []
    for r in range(0, h, ry):
        row = []
        for c in range(0, w, rx):
            block = Counter(grid[y][x] for y in range(r, r + ry) for x in range(c, c + rx))
            best = max(block.values())
            row.append(min(v for v in block if block[v] == best))
        out.append(row)
    return out
