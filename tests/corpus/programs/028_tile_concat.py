# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    top = np.concatenate([a, a], axis=1)
    return np.concatenate([top, top], axis=0).tolist()
