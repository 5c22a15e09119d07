# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    # split in two without dropping the separator -> unequal halves (ValueError)
    mid = a.shape[1] // 2
    left, right = a[:, :mid], a[:, mid:]
    return np.where((left > 0) & (right > 0), 2, 0).tolist()
