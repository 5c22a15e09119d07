# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.int32)
    return (9 - a).tolist()
