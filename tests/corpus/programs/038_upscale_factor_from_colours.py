# task: c0rp0006
import numpy as np


def transform(grid):
    """Scale factor = number of distinct non-zero colours (hypothesis)."""
    a = np.array(grid)
    k = len(np.unique(a[a != 0]))
    k = max(k, 1)
    return np.kron(a, np.ones((k, k), dtype=np.int64)).tolist()
