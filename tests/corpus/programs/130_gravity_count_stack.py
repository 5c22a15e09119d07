# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    counts = np.count_nonzero(a, axis=0)
    out = np.zeros((h, w), dtype=int)
    for c, n in enumerate(counts):
        # stack with a single colour (most common in the column)
        col = a[:, c]
        if n:
            colour = np.bincount(col[col > 0]).argmax()
            out[h - n:, c] = colour
    return out.tolist()
