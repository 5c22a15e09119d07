# task: c0rp0022
# wave 3: outline (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        mask = g > 0
        inner = ndimage.binary_erosion(mask)
        out = g.copy()
        out[inner] = 0
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
