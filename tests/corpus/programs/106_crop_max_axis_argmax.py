# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    row_has = a.max(axis=1) > 0
    col_has = a.max(axis=0) > 0
    top = int(np.argmax(row_has))
    bottom = len(row_has) - int(np.argmax(row_has[::-1]))
    left = int(np.argmax(col_has))
    right = len(col_has) - int(np.argmax(col_has[::-1]))
    return a[top:bottom, left:right].tolist()
