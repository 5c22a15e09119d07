# task: c0rp0001
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = np.zeros_like(g)
        out[0, 0] = g.sum(axis=1)
        return out.tolist()
    except Exception:
        return grid
