# task: c0rp0005
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        out = g.copy()
        out[0] = np.array([[1]])
        return out.tolist()
    except Exception:
        return grid
