# task: c0rp0015
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = np.bincount(g.ravel()).argmax()
    out = g.copy()
    for r, c in np.argwhere(g != bg):
        colour = g[r, c]
        out[r, :] = np.where(out[r, :] == bg, colour, out[r, :])
    return [row.tolist() for row in out]
