# task: c0rp0015
import numpy as np


def transform(grid):
    """Draw a full cross (row and column) through each pixel."""
    a = np.array(grid)
    out = np.zeros_like(a)
    pts = np.argwhere(a)
    for r, c in pts:
        out[r, :] = a[r, c]
        out[:, c] = a[r, c]
    for r, c in pts:
        out[r, c] = a[r, c]
    return out.tolist()
