# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    # tile 3 times horizontally: too wide for large inputs? fine, just a wrong guess
    return np.tile(a, 3).tolist()
