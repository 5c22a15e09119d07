# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    bg = a[0, 0]  # corner is usually background
    return np.where(a == bg, 0, a).tolist()
