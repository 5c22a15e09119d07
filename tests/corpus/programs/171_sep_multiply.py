# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    prod = a[:, :w] * a[:, w + 1:]
    # product of colours 1 and 3 is 3 -> map any product to red
    return np.sign(prod) * 2
