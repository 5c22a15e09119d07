# task: c0rp0001
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    bg = np.bincount(g.ravel()).argmax()
    out = g.copy()
    pts = np.argwhere(g != bg)
    for (r, c) in pts:
        out[r:, c][out[r:, c] == bg] = g[r, c]
    return out
