# task: c0rp0003
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    out = g.copy()
    out[g.shape[0], 0] = 1
    return out.astype(int).tolist()
