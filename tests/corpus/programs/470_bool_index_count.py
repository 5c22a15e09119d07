# task: c0rp0023
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a != 0)
    colours = ndimage.maximum(a, lab, index=np.arange(1, n + 1))
    assert len(colours) == n
    return [[1] for _ in range(n)]
