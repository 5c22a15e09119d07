# task: c0rp0002
import numpy as np
from scipy.ndimage import label


def transform(grid):
    """Recolour by size without capping (breaks when an object has 10+ cells)."""
    a = np.array(grid)
    lab, n = label(a == 5)
    sizes = np.bincount(lab.ravel())
    sizes[0] = 0
    return sizes[lab].tolist()
