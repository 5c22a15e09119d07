# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    stack = np.stack([
        np.roll(a, 1, axis=0), np.roll(a, -1, axis=0),
        np.roll(a, 1, axis=1), np.roll(a, -1, axis=1),
    ])
    same = np.all(stack == a[np.newaxis, :, :], axis=0)
    # roll wraps around; cells on the edge are always border
    same[0, :] = same[-1, :] = False
    same[:, 0] = same[:, -1] = False
    return np.where(same & (a > 0), 0, a).tolist()
