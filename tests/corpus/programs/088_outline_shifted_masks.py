# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    p = np.pad(a, 1)
    centre = p[1:-1, 1:-1]
    same = (
        (p[:-2, 1:-1] == centre)
        & (p[2:, 1:-1] == centre)
        & (p[1:-1, :-2] == centre)
        & (p[1:-1, 2:] == centre)
    )
    out = a.copy()
    out[same & (a != 0)] = 0
    return out.tolist()
