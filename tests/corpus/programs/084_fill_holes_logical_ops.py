# task: c0rp0003
import numpy as np
from scipy.ndimage import binary_fill_holes


def transform(grid):
    a = np.array(grid)
    walls = a != 0
    filled = binary_fill_holes(walls)
    holes = np.logical_and(filled, np.logical_not(walls))
    return np.where(holes, 4, a).tolist()
