# task: c0rp0008
import numpy as np


def transform(grid):
    """Shift the column down by one (wrap around)."""
    a = np.array(grid)
    return np.roll(a, 1, axis=0).tolist()
