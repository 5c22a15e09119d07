# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid)
    noise = np.isin(a, [5, 7, 9])
    return np.where(noise, 0, a).tolist()
