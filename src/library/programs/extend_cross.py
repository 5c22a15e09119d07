# Draw lines from pixels: a full horizontal and vertical line through every non-background pixel.
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
    pixels = [(r, c, grid[r][c]) for r in range(h) for c in range(w) if grid[r][c] != bg]
    for r, c, v in pixels:
        for x in range(w):
            if grid[r][x] == bg:
                out[r][x] = v
        for y in range(h):
            if grid[y][c] == bg:
                out[y][c] = v
    return out
