# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.int32)
    out = a.transpose(1, 0)
    # ensure ints come back, not numpy types
    return [[int(v) for v in row] for row in out]
