# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    occ_r = (a != 0).sum(axis=1)
    occ_c = (a != 0).sum(axis=0)
    # cumulative sums find the first and last occupied line
    cr = np.cumsum(occ_r)
    cc = np.cumsum(occ_c)
    top = int(np.argmax(cr > 0))
    bottom = int(np.argmax(cr == cr[-1]))
    left = int(np.argmax(cc > 0))
    right = int(np.argmax(cc == cc[-1]))
    return a[top:bottom + 1, left:right + 1].tolist()
