# task: c0rp0017
# wave 3: brute_force (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    pts = np.argwhere(g != 0)
    out = np.zeros_like(g)
    if len(pts) == 0:
        return grid
    for r in range(g.shape[0]):
        for c in range(g.shape[1]):
            d = np.abs(pts - np.array([r, c])).sum(axis=1)
            i = int(d.argmin())
            out[r, c] = g[pts[i][0], pts[i][1]]
    return out.tolist()
