# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    row_mean = a.mean(axis=1)
    col_mean = a.mean(axis=0)
    bg = np.bincount(a.ravel()).argmax()
    # rows/cols whose mean equals the background colour are empty
    full_r = row_mean != bg
    out = np.where(a == bg, 0, a)
    print(int(full_r.sum()), col_mean.shape)
    return out.tolist()
