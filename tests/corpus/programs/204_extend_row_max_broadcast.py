# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    row_colour = a.max(axis=1)[:, None]
    # broadcasting a column against the zeros fills every row with its colour
    return (row_colour + np.zeros_like(a)).tolist()
