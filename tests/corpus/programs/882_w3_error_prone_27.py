# task: c0rp0023
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        out = g.copy()
        out[0, 0] = np.nan
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
