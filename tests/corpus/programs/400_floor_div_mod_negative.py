# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    shifted = (a - 7) % 10
    q = (a - 7) // 10
    return (shifted + 0 * q).tolist()
