# task: c0rp0006
# wave 3: bincount_features (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        weights = np.arange(g.shape[1])
        col_sum = np.bincount(np.tile(weights, g.shape[0]), weights=g.ravel())
        out = (col_sum > col_sum.mean()).astype(int).reshape(1, -1)
        return [row.tolist() for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
