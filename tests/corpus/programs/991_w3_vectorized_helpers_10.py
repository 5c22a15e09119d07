# task: c0rp0024
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        order = np.argsort(g, axis=1, kind='stable')
        out = np.take_along_axis(g, order, axis=1)
        return [list(map(int, row)) for row in out]
    except Exception:
        return grid
