# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    return ((a[:, :w] > 0) & (a[:, w:] > 0)).astype(int) * 2
