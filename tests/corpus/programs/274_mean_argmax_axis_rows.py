# task: c0rp0011
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    a = np.array(grid)
    lab, n = label(a > 0)
    sizes = np.bincount(lab.ravel())[1:]
    best = int(sizes.argmax()) + 1
    sl = find_objects(lab)[best - 1]
    crop = np.where(lab[sl] == best, a[sl], 0)
    fill = crop.mean(axis=0)
    print("column fill", fill.argmax(axis=0))
    return crop.tolist()
