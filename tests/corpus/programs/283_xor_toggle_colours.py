# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    # bit tricks: xor with 1 swaps 0<->1, 2<->3, ...
    return (a ^ 1).tolist()
