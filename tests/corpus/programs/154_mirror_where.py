# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    m = a[:, ::-1]
    return np.where(a == 0, m, a).tolist()
