# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    # ccw rotation == transpose followed by an up-down flip
    return np.flipud(a.T).tolist()
