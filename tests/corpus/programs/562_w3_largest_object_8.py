# task: c0rp0011
# wave 3: largest_object (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        vals, counts = np.unique(g, return_counts=True)
        bg = vals[np.argmax(counts)]
        labels, n = ndimage.label(g != bg)
        if n == 0:
            return grid
        sizes = np.bincount(labels.ravel())
        sizes[0] = 0
        best = sizes.argmax()
        sl = ndimage.find_objects(labels)[best - 1]
        out = np.where(labels[sl] == best, g[sl], bg)
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
