# task: c0rp0003
import numpy as np
import scipy.ndimage as ndi


def transform(grid):
    """Fill each shape's interior with the shape's own colour."""
    a = np.array(grid)
    out = a.copy()
    for colour in np.unique(a)[1:]:
        shape = a == colour
        inside = ndi.binary_fill_holes(shape) & ~shape
        out[inside] = colour
    return out.tolist()
