# task: c0rp0013
import numpy as np

LUT = np.array([3, 4, 5, 6, 7, 8, 9, 0, 1, 2])


def transform(grid):
    a = np.array(grid)
    # fancy indexing through a lookup table
    return LUT[a].tolist()
