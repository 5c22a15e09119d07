# task: c0rp0012
import numpy as np


def transform(grid):
    """Diagonal symmetry guess: fill zeros from the transpose (square grids only)."""
    a = np.array(grid)
    if a.shape[0] != a.shape[1]:
        return np.maximum(a, a[:, ::-1]).tolist()
    return np.where(a > 0, a, a.T).tolist()
