# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    bg = vals[counts.argmax()].item()
    return [[0 if v == bg else v for v in row] for row in grid]
