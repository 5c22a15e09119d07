# task: c0rp0016
import numpy as np


def transform(grid):
    """Draw a bar chart: one row per colour, bar length = count // 3."""
    a = np.array(grid)
    counts = np.bincount(a.ravel(), minlength=10)
    present = np.nonzero(counts)[0]
    width = int(counts.max() // 3)
    out = np.zeros((len(present), max(width, 1)), dtype=int)
    for i, colour in enumerate(present):
        out[i, : counts[colour] // 3] = colour
    return out.tolist()
