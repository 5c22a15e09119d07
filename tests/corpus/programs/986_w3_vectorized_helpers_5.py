# task: c0rp0017
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        idx = np.arange(g.shape[1])[::-1]
        out = np.take(g, idx, axis=1)
        return [list(map(int, row)) for row in out]
    except Exception:
        return grid
