# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    # lexsort-free: sort by -count, ties by colour (vals already ascending, stable sort keeps them)
    order = np.argsort(-counts, kind="stable")
    return vals[order].reshape(-1, 1).tolist()
