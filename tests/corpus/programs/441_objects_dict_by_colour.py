# task: c0rp0011
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    objs = []
    for colour in np.unique(a[a != 0]):
        lab, n = ndimage.label(a == colour)
        for i in range(1, n + 1):
            cells = np.argwhere(lab == i)
            objs.append({"colour": colour, "cells": cells, "size": len(cells)})
    big = max(objs, key=lambda o: o["size"])
    (r0, c0), (r1, c1) = big["cells"].min(0), big["cells"].max(0)
    out = np.zeros((r1 - r0 + 1, c1 - c0 + 1), dtype=int)
    for r, c in big["cells"]:
        out[r - r0, c - c0] = big["colour"]
    return out.tolist()
