# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    v = a[0, 0].item()
    return [[v] * 3 for _ in range(3)]
