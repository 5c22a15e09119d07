# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid[0])
    idx = np.flatnonzero(row)
    vals = np.sort(row[idx])[::-1]
    out = np.zeros(len(row), dtype=int)
    out[: len(vals)] = vals
    return [out]
