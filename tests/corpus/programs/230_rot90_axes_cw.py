# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    cw = np.rot90(a, axes=(1, 0))
    # rotate back twice to get counter-clockwise
    return np.rot90(cw, k=2, axes=(1, 0)).tolist()
