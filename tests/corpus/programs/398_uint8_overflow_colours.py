# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.uint8)
    out = (a + 253) % 10  # wraps around in uint8
    return out.tolist()
