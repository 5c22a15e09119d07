# task: c0rp0024
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    s = g.sum(axis=0)
    best = s.argmax()
    col = g[:, best]
    out = np.tile(col[:, None], (1, 3))
    return [list(map(int, row)) for row in out]
