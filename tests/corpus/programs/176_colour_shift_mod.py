# task: c0rp0013
import numpy as np


def transform(grid):
    """Every colour c becomes (c + 3) mod 10."""
    return ((np.array(grid) + 3) % 10).tolist()
