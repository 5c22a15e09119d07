# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    counts = np.count_nonzero(a, axis=0)
    depth = np.arange(h)[:, None] - (h - counts)[None, :]
    # sign(depth) + 1 is 0 above the pile, >= 1 inside it
    inside = np.clip(np.sign(depth) + 1, 0, 1)
    colour = np.abs(a).max(axis=0)
    return (inside * colour).tolist()
