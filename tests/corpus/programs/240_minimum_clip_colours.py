# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    shifted = a + 3
    wrapped = np.where(shifted > 9, shifted - 10, shifted)
    return np.minimum(wrapped, 9).tolist()
