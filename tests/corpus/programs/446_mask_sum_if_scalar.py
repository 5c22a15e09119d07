# task: c0rp0018
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    out = a.copy()
    lab, n = ndimage.label(a > 0)
    for i in range(1, n + 1):
        m = lab == i
        if m.sum() != 3:
            continue
        rs, cs = np.nonzero(m)
        box = out[rs.min():rs.max() + 1, cs.min():cs.max() + 1]
        box[box == 0] = 4
    return out
