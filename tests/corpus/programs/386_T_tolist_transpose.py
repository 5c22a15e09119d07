# task: c0rp0020
import numpy as np


def transform(grid):
    return np.array(grid).T.tolist()
