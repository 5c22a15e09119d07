# task: c0rp0002
# wave 3: recolour_by_size (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    def colour_for(size):
        if size >= 6:
            return 1
        elif size >= 3:
            return 2
        return 3

    g = np.asarray(grid, dtype=np.int64)
    labels, n = ndimage.label(g)
    counts = np.bincount(labels.flatten())
    lut = np.array([0] + [colour_for(c) for c in counts[1:]])
    out = lut[labels]
    return [list(map(int, row)) for row in out]
