# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    # sorts each column: zeros go up, but colours get reordered
    return np.sort(a, axis=0)
