# task: c0rp0003
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    """Each hollow rectangle: fill the strict interior of its bounding box."""
    a = np.array(grid)
    lab, n = label(a > 0)
    for sl in find_objects(lab):
        rs, cs = sl
        inner = a[rs.start + 1:rs.stop - 1, cs.start + 1:cs.stop - 1]
        inner[inner == 0] = 4  # inner is a view, so this writes into a
    return a.tolist()
