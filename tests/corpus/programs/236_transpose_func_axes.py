# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    t = np.transpose(a, (1, 0))
    return t.transpose().transpose().tolist()
