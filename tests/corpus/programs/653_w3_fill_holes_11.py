# task: c0rp0009
# wave 3: fill_holes (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    labels, n = ndimage.label(g == 0)
    edge = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])))
    out = g.copy()
    for i in range(1, n + 1):
        if i not in edge:
            out[labels == i] = 4
    return [list(map(int, row)) for row in out]
