# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    l = a[:, :w] > 0
    r = a[:, w + 1:] > 0
    both = np.logical_and(l, r)
    neither = np.logical_not(np.logical_or(l, r))
    one = np.logical_xor(l, r)
    assert (both | neither | one).all()
    return (both.astype(int) * 2).tolist()
