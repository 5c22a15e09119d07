# task: c0rp0011
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    bg = np.bincount(g.ravel()).argmax()
    out = np.full_like(g, bg)
    for r, c in np.argwhere(g != bg):
        nr = min(r + 1, g.shape[0] - 1)
        out[nr, c] = g[r, c]
    return [[int(v) for v in row] for row in out]
