# task: c0rp0005
import numpy as np


def transform(grid):
    """Maybe the quadrants are mirrored copies (common ARC pattern)."""
    a = np.array(grid)
    top = np.hstack([a, np.fliplr(a)])
    bottom = np.hstack([np.flipud(a), np.rot90(a, 2)])
    return np.vstack([top, bottom]).tolist()
