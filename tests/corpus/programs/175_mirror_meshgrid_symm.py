# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    yy, xx = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    src_x = np.minimum(xx, w - 1 - xx)
    return a[yy, src_x].tolist()
