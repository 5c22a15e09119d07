# task: c0rp0005
import numpy as np


def transform(grid):
    """The output repeats the input twice in each direction."""
    return np.tile(np.array(grid), (2, 2)).tolist()
