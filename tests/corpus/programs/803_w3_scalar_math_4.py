# task: c0rp0004
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    q, r = divmod(g.sum(), 10)
    out = np.full(g.shape, r)
    return out.tolist()
