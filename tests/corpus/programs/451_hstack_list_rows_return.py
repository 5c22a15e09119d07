# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    top = np.hstack((a, a))
    return list(np.vstack((top, top)))
