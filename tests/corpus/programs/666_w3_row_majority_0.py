# task: c0rp0010
# wave 3: row_majority (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        out = np.zeros((g.shape[0], 1), dtype=g.dtype)
        for i, row in enumerate(g):
            vals, counts = np.unique(row, return_counts=True)
            out[i, 0] = vals[counts.argmax()]
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
