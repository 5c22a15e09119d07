# task: c0rp0023
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        s = sum(g.ravel().tolist())
        t = g.sum()
        out = np.full((1, 1), 1 if s == t and type(s) != type(t) else 2)
        return out
    except Exception as e:
        print('failed:', e)
        return grid
