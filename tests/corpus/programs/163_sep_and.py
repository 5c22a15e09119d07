# task: c0rp0019
import numpy as np


def transform(grid):
    """Two halves separated by a grey column; red where both halves are set."""
    a = np.array(grid)
    sep = int(np.where((a == 5).all(axis=0))[0][0])
    left, right = a[:, :sep], a[:, sep + 1:]
    return np.where(np.logical_and(left > 0, right > 0), 2, 0).tolist()
