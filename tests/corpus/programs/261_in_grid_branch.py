# task: c0rp0003
import numpy as np
from scipy.ndimage import binary_fill_holes


def transform(grid):
    a = np.array(grid)
    fill = 4
    if fill in a.ravel():
        fill = 8
    holes = binary_fill_holes(a > 0) & (a == 0)
    a[holes] = fill
    return a.tolist()
