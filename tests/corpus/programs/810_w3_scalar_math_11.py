# task: c0rp0011
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        lo, hi = g.min(), g.max()
        span = hi - lo
        out = (g - lo) * (9 // max(1, span))
        return out
    except Exception:
        return grid
