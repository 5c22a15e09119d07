# task: c0rp0005
import numpy as np


def transform(grid):
    """Fractal guess: place a copy of the grid wherever the grid is non-zero."""
    a = np.array(grid)
    mask = (a != 0).astype(int)
    out = np.kron(mask, a)
    h, w = out.shape
    if h > 30 or w > 30:
        return np.tile(a, (2, 2)).tolist()
    return out.tolist()
