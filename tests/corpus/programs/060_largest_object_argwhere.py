# task: c0rp0011
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    lab, n = label(a > 0)
    sizes = [(lab == i).sum() for i in range(1, n + 1)]
    k = int(np.argmax(sizes)) + 1
    pts = np.argwhere(lab == k)
    (r0, c0), (r1, c1) = pts.min(axis=0), pts.max(axis=0)
    return a[r0:r1 + 1, c0:c1 + 1].tolist()
