# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = a.copy()
    out[:, w - w // 2:] = a[:, : w // 2][:, ::-1]
    return out
