# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    ys, xs = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    out = a.copy()
    for r, c in np.argwhere(a):
        # Manhattan ring of radius 2 around the pixel (^ trick: parity of distance)
        dist = np.abs(ys - r) + np.abs(xs - c)
        out[(dist == 2) & (out == 0)] = a[r, c]
    return out.tolist()
