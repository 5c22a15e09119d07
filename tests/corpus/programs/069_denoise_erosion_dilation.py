# task: c0rp0017
import numpy as np
from scipy.ndimage import binary_erosion, binary_dilation


def transform(grid):
    """Morphological opening per colour removes thin noise."""
    a = np.array(grid)
    out = np.zeros_like(a)
    for colour in range(1, 10):
        m = a == colour
        if not m.any():
            continue
        opened = binary_dilation(binary_erosion(m))
        out[opened & m] = colour
    return out.tolist()
