# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    present = np.setdiff1d(np.unique(a), [0])
    counts = [(int((a == c).sum()), int(c)) for c in present]
    counts.sort(key=lambda t: (-t[0], t[1]))
    return [[c] for _, c in counts]
