# task: c0rp0001
import numpy as np


def transform(grid):
    """Mirror via a permutation matrix: A @ J, J = anti-diagonal identity."""
    a = np.array(grid)
    w = a.shape[1]
    J = np.fliplr(np.eye(w, dtype=int))
    return np.dot(a, J).tolist()
