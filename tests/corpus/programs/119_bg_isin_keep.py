# task: c0rp0014
import numpy as np

OBJECT_COLOURS = [2, 3, 4, 6]


def transform(grid):
    a = np.array(grid)
    keep = np.isin(a, OBJECT_COLOURS)
    return (a * keep).tolist()
