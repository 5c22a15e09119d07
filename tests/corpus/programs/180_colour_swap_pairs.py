# task: c0rp0013
import numpy as np


def transform(grid):
    """Swap colour pairs (0,5) (1,6) ... : c -> c xor-ish shift by 5."""
    a = np.array(grid)
    return np.where(a < 5, a + 5, a - 5).tolist()
