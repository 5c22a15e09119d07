# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid)[0]
    return [sorted(row, reverse=True)]
