# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    h, w = a.shape
    p = np.pad(a, 1, mode="edge")
    for r in range(h):
        for c in range(w):
            if a[r, c] == 0:
                continue
            win = p[r:r + 3, c:c + 3]
            frac = np.mean(win == a[r, c])
            if frac <= 2 / 9:
                out[r, c] = 0
    return out.tolist()
