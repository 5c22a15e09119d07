# task: c0rp0010
import numpy as np


def transform(grid):
    """Everything falls to the bottom; colours keep their vertical order."""
    a = np.array(grid)
    h, w = a.shape
    out = np.zeros_like(a)
    for c in range(w):
        col = a[:, c]
        vals = col[col != 0]
        if len(vals):
            out[h - len(vals):, c] = vals
    return out.tolist()
