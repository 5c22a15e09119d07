# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    l = (a[:, :w] > 0).astype(np.uint8)
    r = (a[:, w + 1:] > 0).astype(np.uint8)
    both = l & r
    either = l | r
    only = l ^ r
    print(int(both.sum()), int(either.sum()), int(only.sum()))
    return (both * 2).tolist()
