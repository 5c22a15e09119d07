# task: c0rp0011
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = g.copy()
        out[:, 0] = g[0]
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
