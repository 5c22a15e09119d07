# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    idx = np.argwhere(a)
    lo = idx.min(0)
    hi = idx.max(0) + 1
    crop = a[lo[0]:hi[0], lo[1]:hi[1]]
    # the output in the examples looked bigger: upscale x2
    return np.kron(crop, np.ones((2, 2), dtype=crop.dtype)).tolist()
