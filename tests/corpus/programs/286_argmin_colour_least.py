# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    BIG = 10 ** 6
    counts = np.bincount(a.ravel(), minlength=10)
    counts[counts == 0] = BIG
    out = []
    while (counts < BIG).any():
        c = int(np.argmin(counts))
        out.append([c])
        counts[c] = BIG
    # least frequent first, so reverse
    return out[::-1]
