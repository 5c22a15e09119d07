# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    filled = (a > 0).sum(axis=0)
    rows = np.arange(h)[:, np.newaxis]
    mask = rows >= (h - filled)[np.newaxis, :]
    out = np.zeros_like(a)
    for c in range(w):
        col = a[:, c]
        out[mask[:, c], c] = col[col > 0]
    return out.tolist()
