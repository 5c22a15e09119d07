# task: c0rp0011
from collections import deque


def objects(grid):
    h, w = len(grid), len(grid[0])
    seen = set()
    result = []
    for r in range(h):
        for c in range(w):
            if grid[r][c] == 0 or (r, c) in seen:
                continue
            col = grid[r][c]
            stack = [(r, c)]
            seen.add((r, c))
            cells = []
            while stack:
                y, x = stack.pop()
                cells.append((y, x))
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < h and 0 <= nx < w and (ny, nx) not in seen and grid[ny][nx] == col:
                        seen.add((ny, nx))
                        stack.append((ny, nx))
            result.append((col, cells))
    return result


def transform(grid):
    col, cells = max(objects(grid), key=lambda o: len(o[1]))
    ys = [y for y, _ in cells]
    xs = [x for _, x in cells]
    y0, x0 = min(ys), min(xs)
    out = [[0] * (max(xs) - x0 + 1) for _ in range(max(ys) - y0 + 1)]
    for y, x in cells:
        out[y - y0][x - x0] = col
    return out
