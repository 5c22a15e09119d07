# task: c0rp0008
import numpy as np


def transform(grid):
    col = np.array(grid).ravel()
    # absolute differences of neighbours, padded with the first value
    d = np.abs(col - np.roll(col, 1))
    return d[:, np.newaxis].tolist()
