# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    nz = (a != 0).astype(int)
    top = nz.any(axis=1).argmax()
    left = nz.any(axis=0).argmax()
    bottom = a.shape[0] - nz[::-1].any(axis=1).argmax()
    right = a.shape[1] - nz[:, ::-1].any(axis=0).argmax()
    empty_col = nz.sum(axis=0).argmin()
    print("emptiest column", empty_col)
    return a[top:bottom, left:right].tolist()
