# Fill enclosed background (cells the border cannot reach through background, 4-connected) with a learned colour.
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
    outside = [[False] * w for _ in range(h)]
    stack = [(r, c) for r in range(h) for c in (0, w - 1)] + [(r, c) for r in (0, h - 1) for c in range(w)]
    while stack:
        r, c = stack.pop()
        if outside[r][c] or grid[r][c] != bg:
            continue
        outside[r][c] = True
        for y, x in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= y < h and 0 <= x < w and not outside[y][x]:
                stack.append((y, x))
    return [[FILL if grid[r][c] == bg and not outside[r][c] else grid[r][c] for c in range(w)] for r in range(h)]
