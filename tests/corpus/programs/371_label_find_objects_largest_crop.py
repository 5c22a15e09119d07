# task: c0rp0011
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    labeled, n = ndimage.label(a != 0)
    objs = ndimage.find_objects(labeled)
    best, best_size = None, -1
    for i, sl in enumerate(objs):
        size = int((labeled[sl] == i + 1).sum())
        if size > best_size:
            best, best_size = i, size
    sl = objs[best]
    crop = a[sl].copy()
    crop[labeled[sl] != best + 1] = 0
    return crop
