# Draw lines from pixels: every row holding a non-background pixel is filled with that pixel's colour.
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)

def transform(grid):
    bg = background(grid)
    out = []
    for row in grid:
        colours = [v for v in row if v != bg]
        out.append([colours[0] if colours and v == bg else v for v in row])
    return out
