# task: c0rp0003
import numpy as np
from scipy.ndimage import binary_erosion, binary_fill_holes


def transform(grid):
    a = np.array(grid)
    solid = binary_fill_holes(a > 0)
    core = binary_erosion(solid)
    out = a.copy()
    out[core & (a == 0)] = 4
    return out.tolist()
