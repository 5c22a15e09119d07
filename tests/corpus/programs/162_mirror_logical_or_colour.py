# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    present = np.logical_or(a > 0, np.fliplr(a) > 0)
    colour = np.fliplr(a) + a
    # overlapping cells add up -> can exceed 9 when both halves are coloured
    return np.where(present, colour, 0).tolist()
