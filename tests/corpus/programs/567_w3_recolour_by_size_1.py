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
    g = np.array(grid, dtype=np.int32)
    labels, n = ndimage.label(g != 0)
    sizes = ndimage.sum(g != 0, labels, range(1, n + 1))
    out = g.copy()
    for i, s in enumerate(sizes, start=1):
        out[labels == i] = colour_for(int(s))
    return out.tolist()
