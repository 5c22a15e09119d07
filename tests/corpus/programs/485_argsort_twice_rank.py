# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid[0])
    order = np.argsort(-row, kind="stable")
    return [row[order]]
