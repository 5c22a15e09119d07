# task: c0rp0014
import numpy as np


def transform(grid):
    """The background colour (most common) becomes black."""
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    bg = vals[np.argmax(counts)]
    a[a == bg] = 0
    return a.tolist()
