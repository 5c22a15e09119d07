# task: c0rp0024
import numpy as np


def transform(grid):
    """Also compact: remove rows that become empty (can produce an empty grid)."""
    a = np.array(grid)
    a[a == 5] = 0
    keep = a.any(axis=1)
    return a[keep].tolist()
