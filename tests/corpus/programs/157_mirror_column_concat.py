# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1]
    cols = [a[:, c] for c in range(w // 2)]
    full = cols + cols[::-1]
    return np.column_stack(full).tolist()
