# Count the 8-connected objects (n) and output an n-by-n grid with the diagonal in the learned colour.
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)


def objects(grid, bg, diagonal):
    h, w = len(grid), len(grid[0])
    steps = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    if diagonal:
        steps += [(1, 1), (1, -1), (-1, 1), (-1, -1)]
    seen = [[False] * w for _ in range(h)]
    found = []
    for r in range(h):
        for c in range(w):
            if seen[r][c] or grid[r][c] == bg:
                continue
            seen[r][c] = True
            stack = [(r, c)]
            cells = []
            while stack:
                y, x = stack.pop()
                cells.append((y, x))
                for dy, dx in steps:
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and not seen[ny][nx] and grid[ny][nx] != bg:
                        seen[ny][nx] = True
                        stack.append((ny, nx))
            found.append(cells)
    return found
OUT_COLOR = __OUT_COLOR__


def transform(grid):
    n = len(objects(grid, background(grid), True))
    if not 1 <= n <= 30:
        raise ValueError("object count out of range")
    return [[OUT_COLOR if r == c else 0 for c in range(n)] for r in range(n)]
