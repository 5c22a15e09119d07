# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    row_colour = a.max(axis=1, keepdims=True)
    single = (a > 0).sum(axis=1, keepdims=True) == 1
    fill = np.where(single & (a == 0), row_colour, a)
    return fill
