# task: c0rp0022
# wave 3: block_reduce (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        out = g[::3, ::3]
        return [row.tolist() for row in out]
    except Exception:
        return grid
