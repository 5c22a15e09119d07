# task: c0rp0009
import numpy as np


def transform(grid):
    """A 3x3 checkerboard of the colour and black."""
    v = grid[0][0]
    xx, yy = np.meshgrid(np.arange(3), np.arange(3))
    board = (xx + yy) % 2 == 0
    return np.where(board, v, 0).tolist()
