# task: c0rp0013
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = g.copy()
        out[0, 0] = 3.7
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
