# task: c0rp0024
import numpy as np


def transform(grid):
    a = np.array(grid)
    if 5 in a:
        a[a == 5] = 0
    for colour in (1, 2, 3):
        if colour not in a:
            print("missing", colour)
    return a.tolist()
