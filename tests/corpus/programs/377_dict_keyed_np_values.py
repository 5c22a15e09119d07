# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    counts = {}
    for v in a.flat:
        counts[v] = counts.get(v, 0) + 1
    order = sorted(counts.keys(), key=lambda v: (-counts[v], v))
    return np.array(order).reshape(-1, 1)
