# task: c0rp0011
import numpy as np
import scipy.ndimage as ndi


def transform(grid):
    a = np.array(grid)
    lab, n = ndi.label(a != 0)
    counts = np.bincount(lab.flatten())
    counts[0] = 0
    biggest = counts.argmax()
    sl = ndi.find_objects(lab)[biggest - 1]
    crop = a[sl].copy()
    crop[lab[sl] != biggest] = 0
    return crop.tolist()
