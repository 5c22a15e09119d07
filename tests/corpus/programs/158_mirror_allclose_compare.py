# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    left, right = a[:, : w // 2], a[:, w // 2:]
    if np.allclose(right, 0):
        right = left[:, ::-1]
    return np.concatenate((left, right), axis=1).tolist()
