# task: c0rp0012
import numpy as np


def transform(grid):
    """Maybe it is a 4-fold symmetry: also mirror vertically."""
    a = np.array(grid)
    lr = np.maximum(a, np.fliplr(a))
    return np.maximum(lr, np.flipud(lr)).tolist()
