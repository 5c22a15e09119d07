# task: c0rp0013
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        out = np.full((2, 2), 300, dtype=np.uint8)
        return [row.tolist() for row in out]
    except Exception:
        return grid
