# task: c0rp0014
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = np.zeros((2, 2), dtype=int)
        out[:] = g.sum(axis=0)[:2]
        return out
    except Exception as e:
        print('failed:', e)
        return grid
