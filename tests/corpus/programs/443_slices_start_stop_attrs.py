# task: c0rp0004
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a > 0, structure=np.ones((3, 3), dtype=int))
    slices = ndimage.find_objects(lab)
    r0 = min(s[0].start for s in slices)
    r1 = max(s[0].stop for s in slices)
    c0 = min(s[1].start for s in slices)
    c1 = max(s[1].stop for s in slices)
    return a[r0:r1, c0:c1].tolist()
