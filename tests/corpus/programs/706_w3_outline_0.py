# task: c0rp0011
# wave 3: outline (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        mask = g > 0
        inner = ndimage.binary_erosion(mask)
        out = g.copy()
        out[inner] = 0
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
