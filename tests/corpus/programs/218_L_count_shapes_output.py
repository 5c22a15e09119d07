# task: c0rp0018
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    _, n = label(a > 0)
    # output a 1 x n strip of yellow (shape guess)
    return np.full((1, n), 4).tolist()
