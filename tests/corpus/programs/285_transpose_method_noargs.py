# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    # counter-clockwise rotation = reverse columns, then transpose
    return a[:, ::-1].transpose().tolist()
