# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    # each input row becomes an output column
    return np.column_stack([row for row in a]).tolist()
