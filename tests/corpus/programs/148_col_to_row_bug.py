# task: c0rp0008
import numpy as np


def transform(grid):
    col = np.array(grid)
    # returns a 1-D list (not a grid) -> invalid output
    return col[::-1, 0].tolist()
