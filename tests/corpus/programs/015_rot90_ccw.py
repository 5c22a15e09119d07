# task: c0rp0021
import numpy as np


def transform(grid):
    """Rotate 90 degrees counter-clockwise."""
    return np.rot90(np.array(grid)).tolist()
