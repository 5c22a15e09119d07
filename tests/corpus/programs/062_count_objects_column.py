# task: c0rp0023
import numpy as np
from scipy.ndimage import label


def transform(grid):
    """Output is a column of 1s, one per object."""
    _, n = label(np.array(grid) != 0)
    return np.ones((max(n, 1), 1), dtype=int).tolist()
