# task: c0rp0017
# wave 3: split_halves (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        mid = g.shape[1] // 2
        a, b = g[:, :mid], g[:, mid + 1:]
        out = np.zeros(a.shape, dtype=int)
        out[np.logical_and(a, b)] = 2
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
