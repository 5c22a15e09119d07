# task: c0rp0006
# wave 3: block_reduce (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    out = g[::3, ::3]
    return out.astype(int).tolist()
