# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    bg = vals[counts.argmax()]
    print(f"background {bg} of dtype {a.dtype}, shape {a.shape}")
    if a.dtype == np.int64 or a.dtype == int:
        a[a == bg] = 0
    return a.tolist()
