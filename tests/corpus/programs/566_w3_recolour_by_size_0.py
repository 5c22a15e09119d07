# task: c0rp0002
# wave 3: recolour_by_size (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def colour_for(size):
    if size >= 6:
        return 1
    elif size >= 3:
        return 2
    return 3


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        labels, n = ndimage.label(g > 0)
        out = np.zeros_like(g)
        for i in range(1, n + 1):
            mask = labels == i
            out[mask] = colour_for(mask.sum())
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
