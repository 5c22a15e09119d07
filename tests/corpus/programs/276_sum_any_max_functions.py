# task: c0rp0023
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    n_total = 0
    for colour in range(1, 10):
        m = a == colour
        if not np.any(m):
            continue
        _, n = label(m)
        n_total += n
    assert np.sum(a > 0) >= n_total
    print("max colour", np.max(a), "min", np.min(a))
    return np.ones((n_total, 1), dtype=int).tolist()
