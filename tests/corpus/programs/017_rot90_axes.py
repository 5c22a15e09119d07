# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    # rotating in the (1, 0) plane is the clockwise direction
    cw = np.rot90(a, 1, axes=(1, 0))
    ccw = np.rot90(cw, 2)
    return ccw.tolist()
