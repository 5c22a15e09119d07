# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    return (a ** 2) % 10
