# task: c0rp0019
import numpy as np


def transform(grid):
    """Overlay: the right half's colour wins where set."""
    a = np.array(grid)
    w = a.shape[1] // 2
    left, right = a[:, :w], a[:, w + 1:]
    return np.where(right > 0, right, left).tolist()
