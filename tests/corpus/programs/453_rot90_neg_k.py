# task: c0rp0021
import numpy as np


def transform(grid):
    return np.rot90(np.array(grid), k=-3).tolist()
