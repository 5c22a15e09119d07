# task: c0rp0013
import numpy as np


def transform(grid):
    """Renumber colours in order of first appearance (row-major)."""
    a = np.array(grid)
    vals, first = np.unique(a.ravel(), return_index=True)
    order = vals[np.argsort(first)]
    remap = {int(v): i for i, v in enumerate(order)}
    return [[remap[int(v)] for v in row] for row in a]
