# task: c0rp0018
import numpy as np


def transform(grid):
    a = np.array(grid)
    m = a > 0
    out = a.copy()
    h, w = a.shape
    for r in range(h - 1):
        for c in range(w - 1):
            filled = m[r, c] + m[r, c + 1] + m[r + 1, c] + m[r + 1, c + 1]  # np.bool_ + np.bool_ stays bool
            if filled == 3:
                blk = out[r:r + 2, c:c + 2]
                blk[blk == 0] = 4
    return out
