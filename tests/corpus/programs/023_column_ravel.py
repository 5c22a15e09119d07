# task: c0rp0008
import numpy as np


def transform(grid):
    values = np.array(grid).ravel()
    rev = values[::-1]
    # back to a column vector using None indexing
    return rev[:, None].tolist()
