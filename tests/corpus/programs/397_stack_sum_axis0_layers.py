# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = (a.shape[1] - 1) // 2
    layers = np.stack([a[:, :w] > 0, a[:, w + 1:] > 0])
    both = layers.sum(axis=0) == 2
    return (both * 2).astype(int).tolist()
