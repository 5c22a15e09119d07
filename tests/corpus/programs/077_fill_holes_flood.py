# task: c0rp0003
from collections import deque


def transform(grid):
    h, w = len(grid), len(grid[0])
    outside = [[False] * w for _ in range(h)]
    q = deque()
    # start the flood from every background cell on the border
    for r in range(h):
        for c in range(w):
            if (r == 0 or c == 0 or r == h - 1 or c == w - 1) and grid[r][c] == 0:
                outside[r][c] = True
                q.append((r, c))
    while q:
        r, c = q.popleft()
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < h and 0 <= nc < w and not outside[nr][nc] and grid[nr][nc] == 0:
                outside[nr][nc] = True
                q.append((nr, nc))
    return [[4 if grid[r][c] == 0 and not outside[r][c] else grid[r][c] for c in range(w)] for r in range(h)]
