# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    bg = np.bincount(a.ravel()).argmax()
    fg = np.argwhere(a != bg)
    (r0, c0), (r1, c1) = fg.min(axis=0), fg.max(axis=0) + 1
    crop = a[r0:r1, c0:c1]
    return np.where(crop == bg, 0, crop).tolist()
