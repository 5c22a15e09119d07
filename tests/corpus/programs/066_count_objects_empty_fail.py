# task: c0rp0023
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    _, n = label(a)
    # returns an Nx0 grid when there are objects of one colour only? no: n rows, width 1
    return np.full((n, 1), 1).tolist()
