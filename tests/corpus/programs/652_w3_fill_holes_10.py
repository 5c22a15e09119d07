# task: c0rp0022
# wave 3: fill_holes (scripts/make_corpus_wave3.py)
import numpy as np
from collections import deque
from scipy import ndimage


def transform(grid):
    g = np.array(grid)
    h, w = g.shape
    outside = np.zeros((h, w), dtype=bool)
    q = deque()
    for r in range(h):
        for c in range(w):
            if (r in (0, h - 1) or c in (0, w - 1)) and g[r, c] == 0:
                outside[r, c] = True
                q.append((r, c))
    while q:
        r, c = q.popleft()
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < h and 0 <= nc < w and not outside[nr, nc] and g[nr, nc] == 0:
                outside[nr, nc] = True
                q.append((nr, nc))
    out = g.copy()
    out[(g == 0) & ~outside] = 4
    return [row.tolist() for row in out]
