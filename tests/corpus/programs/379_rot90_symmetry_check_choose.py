# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    left = a[:, : w // 2]
    if np.array_equal(left, np.flip(left, axis=1)):
        return a
    mirrored = np.hstack([left, np.fliplr(left)])
    if mirrored.shape[1] < w:
        mirrored = np.pad(mirrored, ((0, 0), (0, w - mirrored.shape[1])))
    return mirrored
