# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    p = np.pad(a, 1, mode="constant", constant_values=0)
    out = a.copy()
    for r in range(h):
        for c in range(w):
            if a[r, c] == 0:
                continue
            win = p[r:r + 3, c:c + 3]
            if np.count_nonzero(win == a[r, c]) <= 2:
                out[r, c] = 0
    return out.tolist()
