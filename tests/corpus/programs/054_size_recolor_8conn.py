# task: c0rp0002
import numpy as np
from scipy.ndimage import label

EIGHT = np.ones((3, 3), dtype=int)


def transform(grid):
    a = np.array(grid)
    lab, n = label(a, structure=EIGHT)
    out = np.zeros_like(a)
    for k in range(1, n + 1):
        m = lab == k
        out[m] = np.count_nonzero(m) % 10
    return out.tolist()
