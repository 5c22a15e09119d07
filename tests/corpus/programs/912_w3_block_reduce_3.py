# task: c0rp0005
# wave 3: block_reduce (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    h, w = g.shape
    k = 3 if h % 3 == 0 and w % 3 == 0 else 1
    out = g.reshape(h // k, k, w // k, k).max(axis=(1, 3))
    return [row.tolist() for row in out]
