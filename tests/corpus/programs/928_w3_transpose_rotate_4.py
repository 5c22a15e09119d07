# task: c0rp0008
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        out = np.swapaxes(g, 0, 1)
        return [list(map(int, row)) for row in out]
    except Exception:
        return grid
