# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    flat = a.ravel()
    remap = {}
    for v in range(10):
        remap[np.int64(v)] = (v + 3) % 10
    out = np.array([remap[flat[i]] for i in range(flat.size)])
    return out.reshape(a.shape).tolist()
