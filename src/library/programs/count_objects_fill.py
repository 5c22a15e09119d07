# Count the objects of the learned output colour and colour that many cells (row by row) of a fixed-shape output.
OUT_COLOR = __OUT_COLOR__
OUT_SHAPE = __OUT_SHAPE__


def transform(grid):
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    count = 0
    for r in range(h):
        for c in range(w):
            if seen[r][c] or grid[r][c] != OUT_COLOR:
                continue
            count += 1
            seen[r][c] = True
            stack = [(r, c)]
            while stack:
                y, x = stack.pop()
                for ny in range(max(0, y - 1), min(h, y + 2)):
                    for nx in range(max(0, x - 1), min(w, x + 2)):
                        if not seen[ny][nx] and grid[ny][nx] == OUT_COLOR:
                            seen[ny][nx] = True
                            stack.append((ny, nx))
    oh, ow = OUT_SHAPE
    if count > oh * ow:
        raise ValueError("too many objects")
    return [[OUT_COLOR if r * ow + c < count else 0 for c in range(ow)] for r in range(oh)]
