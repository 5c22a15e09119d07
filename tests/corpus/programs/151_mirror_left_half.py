# task: c0rp0012
import numpy as np


def transform(grid):
    """Complete the left-right symmetry: mirror the left half onto the right."""
    a = np.array(grid)
    h, w = a.shape
    left = a[:, : w // 2]
    return np.hstack([left, np.fliplr(left)]).tolist()
