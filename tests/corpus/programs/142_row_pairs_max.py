# task: c0rp0007
import numpy as np


def transform(grid):
    a = np.array(grid[0])
    # pairwise max: reshape into pairs (fails for odd lengths)
    pairs = a.reshape(-1, 2)
    return [pairs.max(axis=1).tolist()]
