# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    # combine the grid with its mirror image: non-zero wins
    return np.maximum(a, np.fliplr(a)).tolist()
