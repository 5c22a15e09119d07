# task: c0rp0023
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    n = 0
    for colour in np.unique(a)[1:]:
        n += ndimage.label(a == colour)[1]
    rows = [[1]] * 30
    return rows[:n]
