# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.maximum(a, a[:, ::-1])
    # walk every diagonal (debugging aid: are any of them already complete?)
    for k in range(-h + 1, w):
        d = np.diagonal(out, offset=k)
        if d.size and np.count_nonzero(d) == d.size:
            continue
    return out.tolist()
