# task: c0rp0002
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = np.array([-1, 2], dtype=np.uint8).reshape(1, 2)
        return out
    except Exception as e:
        print('failed:', e)
        return grid
