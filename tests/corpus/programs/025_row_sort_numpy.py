# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid[0])
    srt = np.sort(row)[::-1]
    return [srt.tolist()]
