# task: c0rp0005
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    h, w = g.shape
    checker = np.fromfunction(lambda i, j: (i + j) % 2, (h, w), dtype=int)
    out = np.where(checker == 1, g, 0)
    return [[int(v) for v in row] for row in out]
