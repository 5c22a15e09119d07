# task: c0rp0018
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    out = g.copy()
    out[np.array([0, 1])] = g[:1]
    return [[int(v) for v in row] for row in out]
