# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, idx, counts = np.unique(a, return_index=True, return_counts=True)
    bg = vals[np.argmax(counts)]
    out = np.full_like(a, 0)
    keep = a != bg
    out[keep] = a[keep]
    return out.tolist()
