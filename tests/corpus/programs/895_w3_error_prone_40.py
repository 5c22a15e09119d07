# task: c0rp0020
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = np.zeros_like(g)
        out[:2, :2] = g[:3, :3]
        return [row.tolist() for row in out]
    except Exception:
        return grid
