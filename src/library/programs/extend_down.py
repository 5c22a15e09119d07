# Draw lines from pixels: every non-background pixel extends downwards over background to the bottom edge.
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
        colour = None
        for r in range(h):
            if grid[r][c] != bg:
                colour = grid[r][c]
            elif colour is not None:
                out[r][c] = colour
    return out
