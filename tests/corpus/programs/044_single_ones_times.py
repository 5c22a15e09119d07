# task: c0rp0009
import numpy as np


def transform(grid):
    v = int(np.array(grid).max())
    return (np.ones((3, 3), dtype=np.int32) * v).tolist()
