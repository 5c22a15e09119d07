# task: c0rp0015
import numpy as np


def transform(grid):
    a = np.array(grid)
    # first zero in every row, and the column of the pixel
    first_zero = a.argmin(axis=1)
    pixel_col = np.argmax(a, axis=1)
    out = a.copy()
    for r in range(a.shape[0]):
        if a[r, pixel_col[r]] > 0:
            out[r, min(first_zero[r], pixel_col[r]):] = a[r, pixel_col[r]]
    return out.tolist()
