# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    counts = (a != 0).sum(axis=0)
    h = a.shape[0]
    # intended an (h, w) mask; counts[:, None] broadcasts against the wrong axis
    mask = np.arange(h)[:, None] >= (h - counts[:, None])
    out = np.where(mask, 1, 0)
    return (out * a.max()).tolist()
