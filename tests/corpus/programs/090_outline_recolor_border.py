# task: c0rp0022
import numpy as np
from scipy.ndimage import binary_erosion


def transform(grid):
    """Border cells keep their colour, the inside turns into colour + 1."""
    a = np.array(grid)
    out = a.copy()
    for c in range(1, 10):
        m = a == c
        inner = binary_erosion(m, structure=np.ones((3, 3)))
        out[inner] = c + 1
    return out.tolist()
