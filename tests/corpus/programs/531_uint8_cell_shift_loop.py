# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.uint8)
    h, w = a.shape
    out = [[0] * w for _ in range(h)]
    for r in range(h):
        for c in range(w):
            out[r][c] = int((a[r, c] - 7) % 10)  # uint8 scalar wraps below zero
    return out
