# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    hist, edges = np.histogram(a, bins=np.arange(0, 11))
    present = np.nonzero(hist)[0]
    order = sorted(present, key=lambda v: (-hist[v], v))
    return [[v] for v in order]
