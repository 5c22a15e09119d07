# task: c0rp0009
import numpy as np


def transform(grid):
    v = grid[0][0]
    # anti-diagonal line of the colour
    return np.fliplr(np.diag([v, v, v])).tolist()
