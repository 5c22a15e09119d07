# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    seen = np.cumsum(a > 0, axis=1) > 0
    colour = a.max(axis=1)[:, np.newaxis]
    # fill from the pixel to the right edge
    return np.where(seen, colour, 0).tolist()
