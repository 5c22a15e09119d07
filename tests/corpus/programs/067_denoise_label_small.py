# task: c0rp0017
import numpy as np
from scipy.ndimage import label


def transform(grid):
    """Remove specks: components of one or two cells are noise."""
    a = np.array(grid)
    out = a.copy()
    for colour in np.unique(a):
        if colour == 0:
            continue
        lab, n = label(a == colour)
        sizes = np.bincount(lab.ravel())
        small = np.isin(lab, np.nonzero(sizes <= 2)[0]) & (lab > 0)
        out[small] = 0
    return out.tolist()
