# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    pair = np.stack((a[:, :w], a[:, w + 1:]), axis=-1)
    mn = pair.min(axis=-1)
    return (np.minimum(mn, 1) * 2).tolist()
