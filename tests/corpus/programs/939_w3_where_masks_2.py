# task: c0rp0024
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    bg = int(np.bincount(g.flatten(), minlength=10).argmax())
    out = np.where(np.isin(g, [1, 2, 3]), 5, g)
    return out.tolist()
