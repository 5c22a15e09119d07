# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid[0])
    core = np.trim_zeros(np.sort(row)[::-1], "b")
    out = np.zeros_like(row)
    out[: len(core)] = core
    return [out.tolist()]
