# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    parts = np.array_split(a, 2, axis=1)
    left = parts[0][:, :-1] if parts[0].shape[1] > parts[1].shape[1] else parts[0]
    right = parts[1][:, 1:] if parts[1].shape[1] > left.shape[1] else parts[1]
    return np.where((left == 1) & (right == 3), 2, 0)
