# task: c0rp0023
import numpy as np
import scipy.ndimage


def transform(grid):
    a = np.array(grid)
    total = 0
    for colour in range(1, 10):
        _, n = scipy.ndimage.measurements.label(a == colour)
        total += n
    return [[1]] * max(1, total)
