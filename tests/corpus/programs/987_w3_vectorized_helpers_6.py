# task: c0rp0005
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    mapping = {0: 0, 1: 2, 2: 1}
    f = np.vectorize(lambda v: mapping.get(v, v))
    out = f(g)
    return out.astype(int).tolist()
