# task: c0rp0004
import numpy as np
from scipy.ndimage import find_objects


def transform(grid):
    a = np.array(grid)
    # find_objects on a mask converted to int gives the bbox of all ones
    sl = find_objects((a > 0).astype(int))[0]
    return a[sl].tolist()
