# task: c0rp0011
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    """Return the bounding box of the largest single-colour object."""
    a = np.array(grid)
    best = None
    for colour in np.unique(a):
        if colour == 0:
            continue
        lab, n = label(a == colour)
        for i, sl in enumerate(find_objects(lab)):
            size = int((lab[sl] == i + 1).sum())
            if best is None or size > best[0]:
                best = (size, colour, sl, i + 1, lab)
    size, colour, sl, idx, lab = best
    return np.where(lab[sl] == idx, colour, 0).tolist()
