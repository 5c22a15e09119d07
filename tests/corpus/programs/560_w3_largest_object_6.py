# task: c0rp0022
# wave 3: largest_object (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
        labels, n = ndimage.label(g != bg)
        if n == 0:
            return grid
        sizes = np.bincount(labels.ravel())
        sizes[0] = 0
        best = sizes.argmax()
        sl = ndimage.find_objects(labels)[best - 1]
        out = np.where(labels[sl] == best, g[sl], bg)
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
