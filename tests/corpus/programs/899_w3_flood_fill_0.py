# task: c0rp0003
# wave 3: flood_fill (scripts/make_corpus_wave3.py)
import numpy as np


def flood(a, r, c, new):
    old = a[r, c]
    if old == new:
        return a
    stack = [(r, c)]
    h, w = a.shape
    while stack:
        y, x = stack.pop()
        if 0 <= y < h and 0 <= x < w and a[y, x] == old:
            a[y, x] = new
            stack.extend([(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)])
    return a


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        bg = np.bincount(g.ravel()).argmax()
        out = g.copy()
        flood(out, 0, 0, 9 if out[0, 0] != 9 else 1)
        return [row.tolist() for row in out]
    except Exception:
        return grid
