# task: c0rp0015
import numpy as np


def transform(grid):
    """Every single pixel shoots a horizontal line across its row."""
    a = np.array(grid)
    out = a.copy()
    for r, c in np.argwhere(a > 0):
        out[r, :] = np.where(out[r, :] == 0, a[r, c], out[r, :])
    return out.tolist()
