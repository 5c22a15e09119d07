# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    counts = np.bincount(a.ravel())
    present = np.nonzero(counts)[0]
    out = np.zeros((len(present), int(counts.max())), dtype=int)
    for i, colour in enumerate(present):
        out[i, : counts[colour]] = colour
    # bars longer than 30 cells are not a valid grid
    return out.tolist()
