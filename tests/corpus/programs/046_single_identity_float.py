# task: c0rp0009
import numpy as np


def transform(grid):
    # identity() is float by default -> returning it directly gives floats (LLM bug)
    v = grid[0][0]
    return (np.identity(3) * v).tolist()
