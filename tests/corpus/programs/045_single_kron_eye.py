# task: c0rp0009
import numpy as np


def transform(grid):
    """Guess: the colour is placed on the diagonal of a 3x3 grid."""
    v = grid[0][0]
    return (np.eye(3, dtype=int) * v).tolist()
