# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid)[0]
    idx = np.argsort(row, kind="stable")[::-1]
    return [row[idx].tolist()]
