# task: c0rp0019
# wave 3: split_halves (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    mid = g.shape[1] // 2
    a, b = g[:, :mid], g[:, mid + 1:]
    out = np.zeros(a.shape, dtype=int)
    out[np.logical_and(a, b)] = 2
    return out.astype(int).tolist()
