# task: c0rp0019
import numpy as np


def transform(grid):
    """XOR reading: red where exactly one half is set."""
    a = np.array(grid)
    w = a.shape[1] // 2
    l = a[:, :w] != 0
    r = a[:, w + 1:] != 0
    return (np.logical_xor(l, r) * 2).tolist()
