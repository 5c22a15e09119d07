# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.float64)
    big = np.repeat(np.repeat(a, 3, axis=0), 3, axis=1)
    # convert back to integer colours before returning
    return big.astype(np.int64).tolist()
