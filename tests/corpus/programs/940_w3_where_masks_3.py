# task: c0rp0005
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    bg = int(np.bincount(g.flatten(), minlength=10).argmax())
    mask = g != bg
    out = np.zeros_like(g)
    out[mask] = g[mask]
    out[~mask] = 0
    return [[int(v) for v in row] for row in out]
