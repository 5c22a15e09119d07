# task: c0rp0013
# wave 3: colour_histogram (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    vals, counts = np.unique(g[g != 0], return_counts=True)
    order = np.argsort(-counts, kind='stable')
    out = np.zeros((counts.max(), len(vals)), dtype=g.dtype)
    for j, idx in enumerate(order):
        out[-counts[idx]:, j] = vals[idx]
    return out.tolist()
