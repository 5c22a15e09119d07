# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1]
    left, right = a[:, : w // 2], a[:, w - w // 2:]
    if not right.any():
        out = a.copy()
        out[:, w - w // 2:] = np.fliplr(left)
        return out
    return a
