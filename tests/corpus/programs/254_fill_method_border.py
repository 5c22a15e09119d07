# task: c0rp0022
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.zeros_like(a)
    out.fill(0)
    for colour in np.unique(a):
        if colour == 0:
            continue
        ys, xs = (a == colour).nonzero()
        frame = out[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
        frame.fill(colour)
        if frame.shape[0] > 2 and frame.shape[1] > 2:
            frame[1:-1, 1:-1] = 0
    return out.tolist()
