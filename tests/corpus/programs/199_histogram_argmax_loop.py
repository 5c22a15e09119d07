# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    counts = np.bincount(a.ravel(), minlength=10).astype(np.int64)
    out = []
    while counts.max() > 0:
        c = int(np.argmax(counts))
        out.append([c])
        counts[c] = 0
    return out
