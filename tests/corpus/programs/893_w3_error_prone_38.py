# task: c0rp0010
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        out = np.zeros((3, 3), dtype=int)
        out[0] = g[0]
        return out.astype(int).tolist()
    except Exception:
        return grid
