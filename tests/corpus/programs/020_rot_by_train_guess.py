# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    if h == w:
        # square inputs: rotate twice (guess from the 6x6 example)
        return np.rot90(a, 2).tolist()
    return np.rot90(a, -1).tolist()
