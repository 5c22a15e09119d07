# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    rr, cc = np.indices((w, h))
    flat = np.ravel_multi_index((cc, rr), (h, w))
    return a.ravel()[flat]
