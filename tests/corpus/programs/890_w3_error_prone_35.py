# task: c0rp0001
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = g.copy()
        out[0, 0] = g[:1, :1]
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
