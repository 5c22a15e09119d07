# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    uniform_cols = np.all(a == a[0], axis=0)
    sep = int(np.argmax(uniform_cols & (a[0] == 5)))
    left, right = a[:, :sep], a[:, sep + 1:]
    return ((left != 0) & (right != 0)).astype(int) * 2
