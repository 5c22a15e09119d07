# task: c0rp0022
# wave 3: fill_holes (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        filled = ndimage.binary_fill_holes(g > 0)
        out = g.copy()
        out[filled & (g == 0)] = 4
        return [row.tolist() for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
