# task: c0rp0001
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    val = np.clip(g.sum(), 0, 9)
    out = np.full((1, 1), val)
    return [row.tolist() for row in out]
