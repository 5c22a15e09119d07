# task: c0rp0005
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    counts = np.bincount(g.ravel(), minlength=10)
    order = sorted(range(10), key=lambda c: (-counts[c], c))
    rank = {c: i for i, c in enumerate(order)}
    out = np.vectorize(lambda v: rank[v])(g)
    return out.astype(int).tolist()
