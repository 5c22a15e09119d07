# task: c0rp0011
from collections import deque


def transform(grid):
    h, w = len(grid), len(grid[0])
    seen = set()
    best = []
    for r in range(h):
        for c in range(w):
            if grid[r][c] == 0 or (r, c) in seen:
                continue
            colour = grid[r][c]
            comp = []
            q = deque([(r, c)])
            seen.add((r, c))
            while q:
                y, x = q.popleft()
                comp.append((y, x))
                for dy, dx in ((0, 1), (1, 0), (0, -1), (-1, 0)):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and (ny, nx) not in seen and grid[ny][nx] == colour:
                        seen.add((ny, nx))
                        q.append((ny, nx))
            if len(comp) > len(best):
                best = comp
    ys = [y for y, _ in best]
    xs = [x for _, x in best]
    out = [[0] * (max(xs) - min(xs) + 1) for _ in range(max(ys) - min(ys) + 1)]
    for y, x in best:
        out[y - min(ys)][x - min(xs)] = grid[y][x]
    return out
