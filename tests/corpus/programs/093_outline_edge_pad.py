# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    # edge padding: a rectangle touching the border stays "inside" at the border
    p = np.pad(a, 1, mode="edge")
    h, w = a.shape
    out = a.copy()
    for r in range(h):
        for c in range(w):
            v = a[r, c]
            if v and p[r, c + 1] == v and p[r + 2, c + 1] == v and p[r + 1, c] == v and p[r + 1, c + 2] == v:
                out[r, c] = 0
    return out.tolist()
