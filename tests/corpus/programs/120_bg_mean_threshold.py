# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    m = a.mean()
    # cells far from the mean colour are objects (heuristic)
    obj = np.abs(a - m) > 1.5
    return np.where(obj, a, 0).tolist()
