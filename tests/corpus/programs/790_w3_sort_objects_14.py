# task: c0rp0021
# wave 3: sort_objects (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter
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
    g = np.array([list(row) for row in grid])
    bg = Counter(g.flatten()).most_common(1)[0][0]
    objs = objects(g, bg)
    sizes = [int((o[2] != bg).sum()) for o in objs]
    out = np.array([[min(s, 9) for s in sorted(sizes)]])
    return out
