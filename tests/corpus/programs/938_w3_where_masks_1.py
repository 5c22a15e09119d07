# task: c0rp0024
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = int(np.bincount(g.flatten(), minlength=10).argmax())
    out = np.where((g != bg) & (g % 2 == 0), g // 2, g)
    return out
