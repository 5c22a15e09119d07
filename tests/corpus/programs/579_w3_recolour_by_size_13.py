# task: c0rp0023
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
        g = np.array([list(row) for row in grid])
        labels, n = ndimage.label(g != 0)
        sizes = ndimage.sum(g != 0, labels, range(1, n + 1))
        out = g.copy()
        for i, s in enumerate(sizes, start=1):
            out[labels == i] = colour_for(int(s))
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
