# task: c0rp0003
import numpy as np
from scipy.ndimage import binary_dilation, binary_fill_holes


def transform(grid):
    a = np.array(grid)
    walls = a > 0
    inside = binary_fill_holes(walls) ^ walls
    # also paint a ring just outside each shape? keep only the inside here
    ring = binary_dilation(walls) & ~walls
    print("ring cells:", int(ring.sum()))
    out = a.copy()
    out[inside] = 4
    return out.tolist()
