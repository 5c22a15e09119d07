# task: c0rp0004
import numpy as np


def transform(grid):
    """Crop to the most frequent non-zero colour only."""
    a = np.array(grid)
    counts = np.bincount(a.ravel(), minlength=10)
    counts[0] = 0
    colour = counts.argmax()
    ys, xs = np.where(a == colour)
    crop = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    return np.where(crop == colour, crop, 0).tolist()
