# task: c0rp0011
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a)
    sizes = np.bincount(lab.ravel())[1:]
    k = sizes.argmax() + 1
    ys, xs = np.where(lab == k)
    crop = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    mask = lab[ys.min():ys.max() + 1, xs.min():xs.max() + 1] == k
    return crop * mask
