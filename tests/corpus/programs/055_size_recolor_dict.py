# task: c0rp0002
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    lab, n = label(a)
    sizes = {}
    for v in lab.flatten():
        if v:
            sizes[v] = sizes.get(v, 0) + 1
    colour_of = {k: (s if s < 10 else 9) for k, s in sizes.items()}
    out = a.copy()
    for (r, c), v in np.ndenumerate(lab):
        if v:
            out[r, c] = colour_of[v]
    return out.tolist()
