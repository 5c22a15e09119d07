# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.uint8)
    # shifting down by 7 wraps around in uint8 for small colours (255, 254, ...)
    shifted = a - np.uint8(7)
    return np.where(a >= 7, shifted, a + 3).astype(np.uint8).tolist()
