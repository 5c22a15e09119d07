# task: c0rp0007
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        out = np.rot90(g, 2, axes=(0, 1))
        return [row.tolist() for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
