# Crop to the odd one out: the 8-connected object whose shape and colours no other object shares.
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

def crop(grid, cells):
    r0 = min(r for r, _ in cells)
    r1 = max(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    c1 = max(c for _, c in cells)
    return [row[c0:c1 + 1] for row in grid[r0:r1 + 1]]


def transform(grid):
    bg = background(grid)
    objs = objects(grid, bg, True)
    if len(objs) < 3:
        raise ValueError("too few objects")

    def normal(cells, colours, shape):
        r0 = min(r for r, _ in cells)
        c0 = min(c for _, c in cells)
        return tuple(sorted((r - r0, c - c0, grid[r][c] if colours else 0) for r, c in cells)) if shape else tuple(sorted({grid[r][c] for r, c in cells}))

    for colours, shape in ((True, True), (False, True), (True, False)):
        keys = [normal(cells, colours, shape) for cells in objs]
        counts = Counter(keys)
        unique = [cells for cells, key in zip(objs, keys) if counts[key] == 1]
        if len(unique) == 1:
            return crop(grid, unique[0])
    raise ValueError("no unique object")
