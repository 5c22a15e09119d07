# task: c0rp0001
import numpy as np


def transform(grid):
    """Mirror the grid left-to-right."""
    arr = np.array(grid)
    return np.fliplr(arr).tolist()
