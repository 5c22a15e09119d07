# task: c0rp0006
# wave 3: bincount_features (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    counts = np.bincount(g.ravel(), minlength=10)
    out = np.array([[int(c > 0) * i for i, c in enumerate(counts)]])
    return [list(map(int, row)) for row in out]
