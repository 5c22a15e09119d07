# task: c0rp0022
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    a = np.array(grid)
    lab, n = label(a != 0)
    for sl in find_objects(lab):
        block = a[sl]
        if block.shape[0] > 2 and block.shape[1] > 2:
            block[1:-1, 1:-1] = 0
    return a.tolist()
