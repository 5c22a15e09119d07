# task: c0rp0020
import numpy as np


def transform(grid):
    h, w = grid.shape  # grid is a list
    return np.array(grid).T
