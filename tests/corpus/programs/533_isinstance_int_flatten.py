# task: c0rp0007
import numpy as np


def flatten(x):
    if isinstance(x, int):
        return [x]
    out = []
    for item in x:
        out.extend(flatten(item))
    return out


def transform(grid):
    a = np.array(grid)
    vals = flatten(a)  # numpy elements are np.int64, not int
    return [sorted(vals, reverse=True)]
