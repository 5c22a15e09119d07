# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.squeeze(np.array(grid))
    a = np.atleast_1d(a)
    return np.expand_dims(a[::-1], axis=1)
