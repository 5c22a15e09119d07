# task: c0rp0005
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = g.copy()
        out[[0, 1], :] = g[:, :1].T
        return out
    except Exception:
        return grid
