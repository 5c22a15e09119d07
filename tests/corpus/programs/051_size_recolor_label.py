# task: c0rp0002
import numpy as np
from scipy.ndimage import label


def transform(grid):
    """Every grey object is recoloured with its own size (capped at 9)."""
    a = np.array(grid)
    labels, n = label(a == 5)
    out = a.copy()
    for i in range(1, n + 1):
        mask = labels == i
        out[mask] = min(int(mask.sum()), 9)
    return out.tolist()
