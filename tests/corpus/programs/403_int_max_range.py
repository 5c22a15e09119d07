# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    top = int(a.max())
    counts = [int((a == v).sum()) for v in range(top + 1)]
    present = [v for v in range(top + 1) if counts[v] > 0]
    present.sort(key=lambda v: (-counts[v], v))
    return [[v] for v in present]
