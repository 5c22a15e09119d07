# Recolour each single-colour object (4-connected) by its cell count, through a size-to-colour map learned.
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)

SIZE_COLORS = __SIZE_COLOR_MAP__


def transform(grid):
    bg = background(grid)
    h, w = len(grid), len(grid[0])
    out = [list(row) for row in grid]
    seen = [[False] * w for _ in range(h)]
    for r in range(h):
        for c in range(w):
            if seen[r][c] or grid[r][c] == bg:
                continue
            colour = grid[r][c]
            seen[r][c] = True
            stack = [(r, c)]
            cells = []
            while stack:
                y, x = stack.pop()
                cells.append((y, x))
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < h and 0 <= nx < w and not seen[ny][nx] and grid[ny][nx] == colour:
                        seen[ny][nx] = True
                        stack.append((ny, nx))
            new = SIZE_COLORS.get(len(cells), colour)
            for y, x in cells:
                out[y][x] = new
    return out
