# task: c0rp0011
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    out = g.copy()
    out[0, 0] = -1
    out = np.clip(out, 0, 9)
    return out.astype(int).tolist()
