# task: c0rp0017
import numpy as np


def transform(grid):
    a = np.array(grid)
    noise_colours = (a == 5) | (a == 7) | (a == 9)
    big = np.zeros(a.shape, dtype=np.bool_)
    for colour in (1, 2, 3, 4, 6):
        m = a == colour
        if m.sum() <= 2:
            continue
        big |= m
    out = np.where(big & ~noise_colours, a, 0)
    return out.tolist()
