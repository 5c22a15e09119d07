# task: c0rp0022
# wave 3: outline (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        dil = ndimage.binary_dilation(g > 0)
        ring = dil & ~(g > 0)
        out = g.copy()
        out[ring] = 8
        return out
    except Exception:
        return grid
