# task: c0rp0023
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        n = np.count_nonzero(g)
        half = n / 2
        out = g.copy()
        if half.is_integer():
            out = np.fliplr(out)
        return out
    except Exception:
        return grid
