# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    # squares of colours mod 10 (a pattern guess)
    return (a ** 2 % 10).tolist()
