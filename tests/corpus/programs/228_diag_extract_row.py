# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    main = np.diag(a)
    anti = np.diagonal(np.fliplr(a))
    # output the rotation, but check the diagonals agree with the known property
    print("main", main.tolist(), "anti", anti.tolist())
    return np.rot90(a, 1, axes=(0, 1)).tolist()
