# task: c0rp0005
import numpy as np


def transform(grid):
    """Remove duplicate rows, then tile (guess)."""
    a = np.array(grid)
    uniq, idx = np.unique(a, axis=0, return_index=True)
    kept = a[np.sort(idx)]
    return np.tile(kept, (2, 2)).tolist()
