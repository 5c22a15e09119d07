# Draw lines from pixels: every column holding a non-background pixel is filled with that pixel's colour.
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
    for c in range(w):
        colours = [grid[r][c] for r in range(h) if grid[r][c] != bg]
        if colours:
            for r in range(h):
                if grid[r][c] == bg:
                    out[r][c] = colours[0]
    return out
