# task: c0rp0023
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    visited = np.zeros((h, w), dtype=bool)
    n = 0
    for r in range(h):
        for c in range(w):
            if a[r, c] != 0 and ~visited[r, c]:
                n += 1
                stack = [(r, c)]
                while stack:
                    y, x = stack.pop()
                    if visited[y, x]:
                        continue
                    visited[y, x] = True
                    for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                        if 0 <= ny < h and 0 <= nx < w and a[ny, nx] == a[r, c]:
                            stack.append((ny, nx))
    return [[1] for _ in range(min(max(n, 1), 30))]
