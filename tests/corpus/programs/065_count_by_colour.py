# task: c0rp0023
import numpy as np
from scipy.ndimage import label


def transform(grid):
    """One row per object, coloured with the object's colour."""
    a = np.array(grid)
    rows = []
    for colour in range(1, 10):
        lab, n = label(a == colour)
        rows.extend([[colour]] * n)
    return rows
