# task: c0rp0002
import heapq
from collections import deque


def transform(grid):
    h, w = len(grid), len(grid[0])
    seen = set()
    heap = []
    for r in range(h):
        for c in range(w):
            if grid[r][c] and (r, c) not in seen:
                comp = [(r, c)]
                seen.add((r, c))
                q = deque(comp)
                while q:
                    y, x = q.popleft()
                    for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                        if 0 <= ny < h and 0 <= nx < w and grid[ny][nx] and (ny, nx) not in seen:
                            seen.add((ny, nx))
                            comp.append((ny, nx))
                            q.append((ny, nx))
                heapq.heappush(heap, (len(comp), sorted(comp)))
    out = [[0] * w for _ in range(h)]
    while heap:
        size, comp = heapq.heappop(heap)
        for y, x in comp:
            out[y][x] = size
    return out
