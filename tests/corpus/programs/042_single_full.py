# task: c0rp0009
import numpy as np


def transform(grid):
    colour = np.array(grid).item()
    return np.full((3, 3), colour).tolist()
