# task: c0rp0007
import numpy as np


def transform(grid):
    row = np.array(grid[0])
    counts = np.bincount(row, minlength=10)
    # rebuild the row from the histogram, highest colour first
    out = []
    for colour in range(9, -1, -1):
        out += [colour] * int(counts[colour])
    return [out]
