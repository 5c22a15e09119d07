# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    bg = np.bincount(a.flatten()).argmax()
    out = a.copy()
    out[out == bg] = 0
    # and move the objects one row up? no - keep positions
    return out.tolist()
