# task: c0rp0010
import numpy as np


def transform(grid):
    """Sorting each column puts zeros on top (colours get reordered - good enough?)."""
    return np.sort(np.array(grid), axis=0).tolist()
