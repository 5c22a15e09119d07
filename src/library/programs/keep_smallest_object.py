# Keep only the smallest 8-connected object (any colours); everything else becomes background.
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


def transform(grid):
    bg = background(grid)
    objs = objects(grid, bg, True)
    if not objs:
        raise ValueError("no objects")
    out = [[bg] * len(grid[0]) for _ in grid]
    for r, c in min(objs, key=len):
        out[r][c] = grid[r][c]
    return out
