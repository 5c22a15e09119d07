# task: c0rp0004
import numpy as np


def transform(grid):
    a = np.array(grid)
    rows = [r for r in range(len(a)) if any(a[r])]
    cols = [c for c in range(len(a[0])) if any(a[:, c])]
    return a[min(rows):max(rows) + 1, min(cols):max(cols) + 1].tolist()
