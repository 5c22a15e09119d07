# task: c0rp0007
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    ratio = np.float64(g.shape[0]) / g.shape[1]
    out = g if ratio >= 1 else g.T
    return [list(map(int, row)) for row in out]
