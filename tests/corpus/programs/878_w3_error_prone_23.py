# task: c0rp0021
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        v = int(np.array([1, 2]))
        out = np.full((1, 1), v)
        return [list(map(int, row)) for row in out]
    except Exception:
        return grid
