# task: c0rp0002
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a)
    out = a.copy()
    for i, sl in enumerate(ndimage.find_objects(lab), start=1):
        if sl is None:
            continue
        region = lab[sl] == i
        out[sl][region] = min(int(region.sum()), 9)
    return out
