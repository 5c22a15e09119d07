# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    # bug: min over axis gives zeros everywhere -> empty selection
    keep_rows = a.min(axis=1) > 0
    keep_cols = a.min(axis=0) > 0
    out = a[keep_rows][:, keep_cols]
    return out.tolist()
