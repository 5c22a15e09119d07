# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    l = (a[:, :w] > 0).astype(np.bool_)
    r = (a[:, w + 1:] > 0).astype(np.bool_)
    code = l.astype(int) * 2 ** 1 + r.astype(int) * 2 ** 0
    # code 3 = both set
    both = (code == 3) | np.zeros_like(l)
    return (both ^ np.zeros_like(l)).astype(int) * 2
