# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.uint8)
    # neighbour count via shifted copies (roll wraps around: acceptable at the border?)
    same = np.zeros(a.shape, dtype=np.uint8)
    for axis in (0, 1):
        for shift in (1, -1):
            same += (np.roll(a, shift, axis=axis) == a)
    out = np.where((same == 0) & (a > 0), 0, a)
    return out.astype(np.uint8).tolist()
