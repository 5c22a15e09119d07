# task: c0rp0020
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    if g.any():
        out = g
    if g:
        out = g.T
    return [row.tolist() for row in out]
