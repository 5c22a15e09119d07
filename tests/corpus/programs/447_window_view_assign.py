# task: c0rp0018
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = a.copy()
    for r in range(h - 1):
        for c in range(w - 1):
            window = a[r:r + 2, c:c + 2]
            nz = window[window != 0]
            if len(nz) == 3 and len(set(nz.tolist())) == 1:
                patch = out[r:r + 2, c:c + 2]
                patch[window == 0] = 4
    return out
