# task: c0rp0018
import numpy as np


def transform(grid):
    a = np.array(grid)
    nz = (a > 0).astype(int)
    # count of filled cells in every 2x2 window
    win = nz[:-1, :-1] + nz[1:, :-1] + nz[:-1, 1:] + nz[1:, 1:]
    out = a.copy()
    for r, c in np.argwhere(win == 3):
        patch = out[r:r + 2, c:c + 2]
        patch[patch == 0] = 4
    return out.tolist()
