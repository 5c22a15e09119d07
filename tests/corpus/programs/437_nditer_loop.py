# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = []
    for v in np.nditer(a):
        out.append((int(v) + 3) % 10)
    return np.array(out).reshape(a.shape)
