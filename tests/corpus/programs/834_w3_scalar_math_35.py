# task: c0rp0023
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    q = g.sum() // np.int64(4)
    p = g.sum() % np.int8(7)
    out = np.array([[q % 10, p % 10]])
    return [list(map(int, row)) for row in out]
