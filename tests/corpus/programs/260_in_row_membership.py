# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    for r, row in enumerate(a):
        for colour in range(1, 10):
            if colour in row:
                out[r][row == 0] = colour
                break
    return out.tolist()
