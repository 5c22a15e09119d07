# task: c0rp0002
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    lab, n = label(a > 0)
    objects = [np.argwhere(lab == i) for i in range(1, n + 1)]
    objects = sorted(objects, key=lambda o: len(o))
    out = np.zeros_like(a)
    for rank, cells in enumerate(objects):
        for r, c in cells:
            out[r, c] = min(len(cells), 9)
    return out.tolist()
