# Draw lines from pixels: both diagonals through every non-background pixel, to the grid edges.
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
        for dy, dx in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
            y, x = r + dy, c + dx
            while 0 <= y < h and 0 <= x < w:
                if grid[y][x] == bg:
                    out[y][x] = v
                y += dy
                x += dx
    return out
