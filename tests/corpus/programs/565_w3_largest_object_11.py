# task: c0rp0002
# wave 3: largest_object (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = 0
        labels, n = ndimage.label(g != bg, structure=np.ones((3, 3), dtype=int))
        best, best_size = None, -1
        for i in range(1, n + 1):
            size = (labels == i).sum()
            if size > best_size:
                best, best_size = i, size
        rr, cc = np.where(labels == best)
        out = g[rr.min():rr.max() + 1, cc.min():cc.max() + 1].copy()
        out[labels[rr.min():rr.max() + 1, cc.min():cc.max() + 1] != best] = bg
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
