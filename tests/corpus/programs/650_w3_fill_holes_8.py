# task: c0rp0003
# wave 3: fill_holes (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        labels, n = ndimage.label(g == 0)
        edge = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])))
        out = g.copy()
        for i in range(1, n + 1):
            if i not in edge:
                out[labels == i] = 4
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
