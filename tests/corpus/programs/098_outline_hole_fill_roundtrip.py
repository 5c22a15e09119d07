# task: c0rp0022
import numpy as np
from scipy.ndimage import binary_erosion, binary_fill_holes


def transform(grid):
    a = np.array(grid)
    out = np.zeros_like(a)
    for colour in sorted(set(a.flatten().tolist()) - {0}):
        m = binary_fill_holes(a == colour)
        edge = m & ~binary_erosion(m)
        out[edge] = colour
    return out.tolist()
