# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1]
    left = a[:, : (w + 1) // 2]
    return np.concatenate([left, np.fliplr(left)[:, 1:]], axis=0)
