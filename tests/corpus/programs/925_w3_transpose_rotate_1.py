# task: c0rp0008
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        out = np.rot90(g, 1)
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
