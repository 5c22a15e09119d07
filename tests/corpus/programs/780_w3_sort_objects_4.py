# task: c0rp0022
# wave 3: sort_objects (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def objects(a, bg):
    labels, n = ndimage.label(a != bg)
    found = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        patch = np.where(labels[sl] == i, a[sl], bg)
        found.append((sl[0].start, sl[1].start, patch))
    return found


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    bg = int(np.bincount(g.flatten(), minlength=10).argmax())
    objs = objects(g, bg)
    objs.sort(key=lambda o: o[2].size, reverse=True)
    out = objs[0][2]
    return [[int(v) for v in row] for row in out]
