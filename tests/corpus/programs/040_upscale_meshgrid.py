# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    cc, rr = np.meshgrid(np.arange(w * 3), np.arange(h * 3))
    return a[rr // 3, cc // 3].tolist()
