# task: c0rp0001
import numpy as np


def transform(grid):
    """The output is the input reflected across the vertical axis."""
    a = np.asarray(grid, dtype=np.int64)
    flipped = np.flip(a, axis=1)
    assert flipped.shape == a.shape
    return flipped.tolist()
