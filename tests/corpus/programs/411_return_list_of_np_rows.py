# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.array(grid)
    return [row for row in a[::-1]]
