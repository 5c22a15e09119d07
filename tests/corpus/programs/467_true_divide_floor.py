# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    rr, cc = np.meshgrid(np.arange(h * 3), np.arange(w * 3), indexing="ij")
    return a[rr // 3, cc // 3]
