# task: c0rp0021
# wave 3: denoise_mode (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        noise = 5
        mask = g == noise
        labels, n = ndimage.label(mask)
        sizes = np.bincount(labels.ravel())
        out = g.copy()
        small = np.isin(labels, np.where(sizes <= 2)[0]) & mask
        out[small] = 0
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
