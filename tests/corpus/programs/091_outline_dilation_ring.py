# task: c0rp0022
import numpy as np
from scipy.ndimage import binary_dilation


def transform(grid):
    """Alternative reading: draw a ring of 5 around each rectangle."""
    a = np.array(grid)
    shapes = a > 0
    grown = binary_dilation(shapes, structure=np.ones((3, 3), dtype=bool))
    ring = grown & ~shapes
    out = a.copy()
    out[ring] = 5
    return out.tolist()
