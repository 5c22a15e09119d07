# task: c0rp0016
# wave 3: bincount_features (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        counts = np.bincount(g.ravel())
        present = np.nonzero(counts)[0]
        out = present.reshape(1, -1)
        return [list(map(int, row)) for row in out]
    except Exception:
        return grid
