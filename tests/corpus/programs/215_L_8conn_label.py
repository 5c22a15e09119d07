# task: c0rp0018
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    a = np.array(grid)
    lab, n = label(a > 0, structure=np.ones((3, 3), dtype=int))
    for sl in find_objects(lab):
        h = sl[0].stop - sl[0].start
        w = sl[1].stop - sl[1].start
        if h == 2 and w == 2:
            view = a[sl]
            view[view == 0] = 4
    return a.tolist()
