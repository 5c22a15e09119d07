# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = []
    for row in a:
        if sum(row) == 0:
            out.append([0] * len(row))
        else:
            out.append([0 if v == 5 else v for v in row])
    return out
