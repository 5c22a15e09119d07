# task: c0rp0003
# wave 3: flood_fill (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


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
        g = np.array([list(row) for row in grid])
        bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
        out = g.copy()
        flood(out, 0, 0, 9 if out[0, 0] != 9 else 1)
        return out
    except Exception as e:
        print('failed:', e)
        return grid
