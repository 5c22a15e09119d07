# task: c0rp0006
import numpy as np


def transform(grid):
    """Each cell becomes a 3x3 block."""
    a = np.array(grid)
    return np.kron(a, np.ones((3, 3), dtype=int)).tolist()
