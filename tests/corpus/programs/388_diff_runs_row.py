# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid[0])
    d = np.diff(row)
    # counts the changes; sorts anyway
    if (d == 0).all():
        return [row.tolist()]
    return [sorted(row.tolist(), reverse=True)]
