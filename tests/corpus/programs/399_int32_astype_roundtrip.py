# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid).astype(np.int32)
    t = np.transpose(a).astype(int)
    return [list(map(int, row)) for row in t]
