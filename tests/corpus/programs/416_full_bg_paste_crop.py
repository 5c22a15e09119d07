# task: c0rp0011
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a > 0)
    sizes = ndimage.sum(a > 0, lab, range(1, n + 1))
    k = int(np.argmax(sizes)) + 1
    rows, cols = np.where(lab == k)
    r0, r1, c0, c1 = rows.min(), rows.max(), cols.min(), cols.max()
    out = np.full((r1 - r0 + 1, c1 - c0 + 1), 0)
    out[rows - r0, cols - c0] = a[rows, cols]
    return out
