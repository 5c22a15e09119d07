# task: c0rp0023
# wave 3: largest_object (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = int(np.bincount(g.flatten(), minlength=10).argmax())
        labels, n = ndimage.label(g != bg)
        if n == 0:
            return grid
        sizes = np.bincount(labels.ravel())
        sizes[0] = 0
        best = sizes.argmax()
        sl = ndimage.find_objects(labels)[best - 1]
        out = np.where(labels[sl] == best, g[sl], bg)
        return [list(map(int, row)) for row in out]
    except Exception:
        return grid
