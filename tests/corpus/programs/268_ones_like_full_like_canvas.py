# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    bg = np.argmax(np.bincount(a.ravel()))
    canvas = np.full_like(a, 0)
    ones = np.ones_like(a)
    fg = (a != bg) * ones
    canvas[fg == 1] = a[fg == 1]
    return canvas.tolist()
