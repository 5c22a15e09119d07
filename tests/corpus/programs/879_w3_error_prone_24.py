# task: c0rp0004
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        out = np.ones((2, 3), dtype=int) @ g[:2, :3]
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
