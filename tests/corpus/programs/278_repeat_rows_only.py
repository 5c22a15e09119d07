# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    # repeat rows three times, but columns only twice (misread the examples)
    return np.repeat(np.repeat(a, 3, axis=0), 2, axis=1).tolist()
