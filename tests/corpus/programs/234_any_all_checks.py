# task: c0rp0020
import numpy as np


def transform(grid):
    a = np.array(grid)
    if np.any(a == 5) and not np.all(a == 5):
        # grey cells present: maybe they are noise
        pass
    return np.transpose(a).tolist()
