# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid[0])
    if np.ptp(row) == 0:
        return grid
    return [np.sort(row)[::-1].tolist()]
