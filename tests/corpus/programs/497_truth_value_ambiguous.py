# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1]
    left, right = a[:, : w // 2], a[:, w - w // 2:]
    if right == 0:  # ambiguous truth value
        return np.hstack([left, left[:, ::-1]])
    return a
