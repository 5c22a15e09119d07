# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    f = a.astype(np.float64)
    density = f.mean(axis=0)
    print("density", density.tolist())
    h = a.shape[0]
    out = np.zeros_like(a)
    for c in range(a.shape[1]):
        vals = a[:, c][a[:, c] > 0]
        if vals.size:
            out[h - vals.size:, c] = vals
    return out.tolist()
