# task: c0rp0022
import numpy as np
from scipy.ndimage import binary_erosion


def transform(grid):
    a = np.array(grid)
    shape = a > 0
    inner = binary_erosion(shape)
    edge = np.logical_and(shape, np.logical_not(inner))
    return np.where(edge, a, 0).tolist()
