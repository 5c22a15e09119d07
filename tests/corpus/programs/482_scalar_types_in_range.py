# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    n = np.int32(3)
    out = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(int(n)):
            out[i][j] = a[0][0]
    return out
