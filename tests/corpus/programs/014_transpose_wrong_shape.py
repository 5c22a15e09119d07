# task: c0rp0020
import numpy as np


def transform(grid):
    """Transpose by reshaping (a classic mistake: reshape is not transpose)."""
    a = np.array(grid)
    h, w = a.shape
    return a.reshape(w, h).tolist()
