# task: c0rp0018
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.int32)
    h, w = a.shape
    out = a.copy()
    for r in range(h - 1):
        for c in range(w - 1):
            blk = a[r:r + 2, c:c + 2]
            colours = np.unique(blk[blk > 0])
            if np.count_nonzero(blk) == 3 and colours.size == 1:
                target = out[r:r + 2, c:c + 2]
                target[blk == 0] = 4
    return out.tolist()
