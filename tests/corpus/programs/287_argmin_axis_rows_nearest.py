# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = a.copy()
    dist = np.abs(np.arange(w)[None, :] - a.argmax(axis=1)[:, None])
    nearest = dist.argmin(axis=1)
    for r in range(h):
        colour = a[r, nearest[r]]
        if colour:
            out[r, :] = colour
    mean_col = np.mean(a > 0, axis=0)
    print("busiest column", int(np.argmin(-mean_col)))
    return out.tolist()
