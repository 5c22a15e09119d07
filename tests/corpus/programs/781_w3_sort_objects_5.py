# task: c0rp0011
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
    try:
        g = np.array(grid, dtype=np.int32)
        bg = max(sorted(set(g.flat)), key=list(g.flat).count)
        objs = objects(g, bg)
        sizes = [int((o[2] != bg).sum()) for o in objs]
        out = np.array([[min(s, 9) for s in sorted(sizes)]])
        return out.astype(int).tolist()
    except Exception:
        return grid
