# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    pts = np.argwhere(a > 0)
    for p in pts:
        d = np.linalg.norm(pts - p, axis=1)
        if (d > 0).all() or len(pts) == 1 or d.min() == 0:
            r = p[0]
            out[r][out[r] == 0] = a[p[0], p[1]]
    return out
