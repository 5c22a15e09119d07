# task: c0rp0002
from collections import deque


def components(grid, colour):
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    comps = []
    for r in range(h):
        for c in range(w):
            if grid[r][c] != colour or seen[r][c]:
                continue
            q = deque([(r, c)])
            seen[r][c] = True
            cells = []
            while q:
                y, x = q.popleft()
                cells.append((y, x))
                for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and not seen[ny][nx] and grid[ny][nx] == colour:
                        seen[ny][nx] = True
                        q.append((ny, nx))
            comps.append(cells)
    return comps


def transform(grid):
    out = [row[:] for row in grid]
    for cells in components(grid, 5):
        for y, x in cells:
            out[y][x] = min(len(cells), 9)
    return out
