# task: c0rp0001
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    bg = np.bincount(g.ravel()).argmax()
    out = g.copy()
    for r, c in np.argwhere(g != bg):
        colour = g[r, c]
        out[r, :] = np.where(out[r, :] == bg, colour, out[r, :])
    return [[int(v) for v in row] for row in out]
