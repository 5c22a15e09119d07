# task: c0rp0003
# wave 3: outline (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        dil = ndimage.binary_dilation(g > 0)
        ring = dil & ~(g > 0)
        out = g.copy()
        out[ring] = 8
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
