# task: c0rp0021
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = g.reshape(-1, 4)
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
