# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    big = np.repeat(np.repeat(a, 3, axis=0), 3, axis=1)
    h, w = big.shape
    blocks = big.reshape(h // 3, 3, w // 3, 3).max(axis=(1, 3))
    assert (blocks == a).all()
    return big
