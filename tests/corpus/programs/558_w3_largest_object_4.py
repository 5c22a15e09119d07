# task: c0rp0022
# wave 3: largest_object (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    g = np.array([list(row) for row in grid])
    bg = max(sorted(set(g.flat)), key=list(g.flat).count)
    labels, n = ndimage.label(g != bg)
    if n == 0:
        return grid
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    best = sizes.argmax()
    sl = ndimage.find_objects(labels)[best - 1]
    out = np.where(labels[sl] == best, g[sl], bg)
    return [row.tolist() for row in out]
