# task: c0rp0011
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        out = g.astype(np.uint8)
        out[0, 0] = 300
        return out.tolist()
    except Exception:
        return grid
