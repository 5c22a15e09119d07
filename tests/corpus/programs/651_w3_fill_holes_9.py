# task: c0rp0022
# wave 3: fill_holes (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        filled = ndimage.binary_fill_holes(g > 0)
        out = g.copy()
        out[filled & (g == 0)] = 4
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
