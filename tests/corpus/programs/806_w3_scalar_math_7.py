# task: c0rp0010
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    v = g[0, 0]
    nxt = (v + 1) % 10
    out = np.where(g == v, nxt, g)
    return out
