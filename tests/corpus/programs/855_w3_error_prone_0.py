# task: c0rp0004
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        out = np.zeros((3, 3), dtype=int)
        out[0] = g[0]
        return [row.tolist() for row in out]
    except Exception:
        return grid
