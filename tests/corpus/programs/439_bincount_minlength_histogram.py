# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    counts = np.bincount(a.ravel(), minlength=10)
    colours = [c for c in np.argsort(-counts, kind="stable") if counts[c] > 0]
    return np.array(colours)[:, np.newaxis].tolist()
