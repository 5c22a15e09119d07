# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.zeros_like(a)
    nz = a > 0
    # first non-empty row per column (argmin of "is empty"), used as pile height
    first = np.argmin(~nz, axis=0)
    has = nz.any(axis=0)
    for c in range(w):
        if has[c]:
            vals = a[first[c]:, c]
            vals = vals[vals > 0]
            out[h - len(vals):, c] = vals
    return out.tolist()
