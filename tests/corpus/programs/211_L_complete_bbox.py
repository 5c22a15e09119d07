# task: c0rp0018
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    """Each L-tromino gets its missing corner filled with yellow."""
    a = np.array(grid)
    lab, n = label(a > 0)
    for sl in find_objects(lab):
        sub = a[sl]
        sub[sub == 0] = 4
    return a.tolist()
