# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    r = np.rot90(a)
    back = np.rot90(r, -1)
    if not np.allclose(back, a):
        raise ValueError("rotation is not invertible?")
    return r.transpose().transpose().tolist()
