# task: c0rp0008
import numpy as np


def transform(grid):
    a = np.array(grid)
    rows = [a[i] for i in range(a.shape[0] - 1, -1, -1)]
    return np.vstack(rows).tolist()
