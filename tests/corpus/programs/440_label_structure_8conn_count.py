# task: c0rp0023
import numpy as np
from scipy.ndimage import label, generate_binary_structure


def transform(grid):
    a = np.array(grid)
    s = generate_binary_structure(2, 1)
    total = 0
    for colour in np.unique(a):
        if colour == 0:
            continue
        _, n = label(a == colour, structure=s)
        total += n
    return [[1]] * max(total, 1)
