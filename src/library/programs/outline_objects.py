# Draw an outline in a learned colour on every background cell touching an object (8 directions).
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)

FILL = __FILL_COLOR__


def transform(grid):
    bg = background(grid)
    h, w = len(grid), len(grid[0])
    out = [list(row) for row in grid]
    for r in range(h):
        for c in range(w):
            if grid[r][c] != bg:
                continue
            for y in range(max(0, r - 1), min(h, r + 2)):
                if any(grid[y][x] != bg for x in range(max(0, c - 1), min(w, c + 2))):
                    out[r][c] = FILL
                    break
    return out
