# Remove isolated pixels: non-background cells with no non-background neighbour (8 directions).
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
    for r in range(h):
        for c in range(w):
            if grid[r][c] == bg:
                continue
            alone = True
            for y in range(max(0, r - 1), min(h, r + 2)):
                for x in range(max(0, c - 1), min(w, c + 2)):
                    if (y, x) != (r, c) and grid[y][x] != bg:
                        alone = False
            if alone:
                out[r][c] = bg
    return out
