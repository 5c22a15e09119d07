# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    bg = vals[np.argmax(counts)]
    out = np.where(a == bg, 0, a)
    return out.tolist()
