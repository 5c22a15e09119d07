# task: c0rp0010
# wave 3: bincount_features (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    counts = np.bincount(g[g > 0])
    out = np.full((1, 1), counts.argmax() if counts.size else 0)
    return [[int(v) for v in row] for row in out]
