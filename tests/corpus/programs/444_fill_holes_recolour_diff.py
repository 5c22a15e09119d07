# task: c0rp0003
import numpy as np
from scipy.ndimage import binary_fill_holes


def transform(grid):
    a = np.array(grid)
    filled = binary_fill_holes(a > 0)
    holes = filled & (a == 0)
    a[holes] = 4
    return a
