# task: c0rp0003
import copy
from collections import deque


def transform(grid):
    out = copy.deepcopy(grid)
    h, w = len(grid), len(grid[0])
    outside = [[False] * w for _ in range(h)]
    q = deque((r, c) for r in range(h) for c in range(w)
              if (r in (0, h - 1) or c in (0, w - 1)) and grid[r][c] == 0)
    for r, c in q:
        outside[r][c] = True
    while q:
        r, c = q.popleft()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < h and 0 <= nc < w and not outside[nr][nc] and grid[nr][nc] == 0:
                outside[nr][nc] = True
                q.append((nr, nc))
    for r in range(h):
        for c in range(w):
            if grid[r][c] == 0 and not outside[r][c]:
                out[r][c] = 4
    return out
