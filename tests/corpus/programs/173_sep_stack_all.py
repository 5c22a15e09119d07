# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    halves = np.stack([a[:, :w], a[:, w + 1:]])
    both = np.all(halves > 0, axis=0)
    return np.where(both, 2, 0).tolist()
