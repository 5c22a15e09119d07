# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    return a.repeat(3, axis=0).repeat(3, axis=1).tolist()
