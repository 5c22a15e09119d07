# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    # unique columns of the input == unique rows of the transpose
    cols, inverse = np.unique(a.T, axis=0, return_inverse=True)
    rebuilt = cols[inverse.ravel()]
    return rebuilt.tolist()
