# task: c0rp0008
import numpy as np


def transform(grid):
    col = np.array(grid).flatten()
    return np.sort(col).reshape(-1, 1).tolist()
