# task: c0rp0001
# wave 3: denoise_mode (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        noise = 5
        mask = g == noise
        labels, n = ndimage.label(mask)
        sizes = np.bincount(labels.ravel())
        out = g.copy()
        small = np.isin(labels, np.where(sizes <= 2)[0]) & mask
        out[small] = 0
        return out.astype(int).tolist()
    except Exception:
        return grid
