# task: c0rp0018
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
        g = np.array(grid, dtype=np.uint8)
        bg = max(sorted(set(g.flat)), key=list(g.flat).count)
        objs = sorted(objects(g, bg), key=lambda o: (o[0], o[1]))
        width = max(o[2].shape[1] for o in objs)
        rows = [np.pad(o[2], ((0, 0), (0, width - o[2].shape[1])), constant_values=bg) for o in objs]
        out = np.vstack(rows)[:30]
        return out.tolist()
    except Exception:
        return grid
