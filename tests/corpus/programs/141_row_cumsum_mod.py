# task: c0rp0007
import numpy as np


def transform(grid):
    a = np.array(grid)
    # running total modulo 10 (a pattern guess)
    return (np.cumsum(a, axis=1) % 10).tolist()
