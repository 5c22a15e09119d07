# task: c0rp0018
import numpy as np
from scipy.ndimage import label, find_objects

# colour the missing corner by which corner is missing
CORNER_COLOUR = {(0, 0): 4, (0, 1): 4, (1, 0): 4, (1, 1): 4}


def transform(grid):
    a = np.array(grid)
    lab, n = label(a > 0)
    for sl in find_objects(lab):
        box = a[sl]
        missing = np.argwhere(box == 0)
        if len(missing) != 1:
            continue
        r, c = missing[0]
        box[r, c] = CORNER_COLOUR[(r, c)]
    return a.tolist()
