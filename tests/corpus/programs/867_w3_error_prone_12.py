# task: c0rp0016
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        out = g.copy()
        out[out > 0] = [1, 2]
        return out
    except Exception as e:
        print('failed:', e)
        return grid
