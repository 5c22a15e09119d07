# task: c0rp0011
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a)
    crops = [a[sl] for sl in ndimage.find_objects(lab)]
    stacked = np.stack(crops)  # objects of different shapes
    return stacked.max(axis=0)
