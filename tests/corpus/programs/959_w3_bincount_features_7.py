# task: c0rp0024
# wave 3: bincount_features (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    weights = np.arange(g.shape[1])
    col_sum = np.bincount(np.tile(weights, g.shape[0]), weights=g.ravel())
    out = (col_sum > col_sum.mean()).astype(int).reshape(1, -1)
    return [list(map(int, row)) for row in out]
