# task: c0rp0021
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        h, w = g.shape
        mid = (h - 1) / 2
        out = g.copy()
        out[int(mid)] = out[h - 1 - int(mid)]
        return out
    except Exception:
        return grid
