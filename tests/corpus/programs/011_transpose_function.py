# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.asarray(grid)
    t = np.transpose(a)
    print("shape", a.shape, "->", t.shape)
    return t
