# task: c0rp0002
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    a = np.array(grid)
    lab, n = label(a == 5)
    out = a.copy()
    for i, sl in enumerate(find_objects(lab), start=1):
        sub = out[sl]  # a view into out
        m = lab[sl] == i
        sub[m] = min(int(m.sum()), 9)
    return out.tolist()
