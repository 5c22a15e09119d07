# task: c0rp0010
import numpy as np


def transform(grid):
    """Gravity towards the left (other reading of the examples)."""
    a = np.array(grid)
    out = np.zeros_like(a)
    for r, row in enumerate(a):
        vals = row[row > 0]
        out[r, :vals.size] = vals
    return out.tolist()
