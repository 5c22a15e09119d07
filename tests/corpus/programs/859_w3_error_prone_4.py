# task: c0rp0006
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        first = int(g[0])
        out = np.full((1, 1), first)
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
