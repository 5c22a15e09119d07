# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.empty((2 * h, 2 * w), dtype=a.dtype)
    # every quadrant gets a copy of the input, so `empty` is fully overwritten
    for i in range(2):
        for j in range(2):
            out[i * h:(i + 1) * h, j * w:(j + 1) * w] = a
    return out.tolist()
