# task: c0rp0014
import numpy as np
from scipy.ndimage import binary_dilation


def transform(grid):
    a = np.array(grid)
    bg = np.bincount(a.ravel()).argmax()
    obj = a != bg
    halo = binary_dilation(obj) & ~obj
    out = np.where(obj, a, 0)
    out[halo] = 0
    return out.tolist()
