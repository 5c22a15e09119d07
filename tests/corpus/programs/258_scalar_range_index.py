# task: c0rp0023
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    lab, n = label(a > 0)
    sizes = np.bincount(lab.ravel())
    seen = {}
    for k in range(1, n + 1):
        seen[sizes[k]] = seen.get(sizes[k], 0) + 1
    # one row per object; numpy scalar n used in range()
    rows = [[1] for _ in range(np.int64(n))]
    return rows if rows else [[0]]
