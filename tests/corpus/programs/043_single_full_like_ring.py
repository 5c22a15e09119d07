# task: c0rp0009
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.zeros((3, 3), dtype=int)
    out[:] = a[0, 0]
    # the ARC examples had a hollow centre? keep it full, but test the idea
    ring = np.ones_like(out)
    ring[1, 1] = 0
    return (out * ring + out * (1 - ring)).tolist()
