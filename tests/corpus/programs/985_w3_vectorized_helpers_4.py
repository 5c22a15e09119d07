# task: c0rp0013
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    order = np.argsort(g, axis=1, kind='stable')
    out = np.take_along_axis(g, order, axis=1)
    return [row.tolist() for row in out]
