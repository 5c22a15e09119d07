# task: c0rp0004
import numpy as np


def transform(grid):
    """Crop to the bounding box of all non-background cells."""
    a = np.array(grid)
    pts = np.argwhere(a != 0)
    r0, c0 = pts.min(axis=0)
    r1, c1 = pts.max(axis=0)
    return a[r0:r1 + 1, c0:c1 + 1].tolist()
