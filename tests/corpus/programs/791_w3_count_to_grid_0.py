# task: c0rp0011
# wave 3: count_to_grid (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    vals, counts = np.unique(g, return_counts=True)
    bg = vals[np.argmax(counts)]
    _, n = ndimage.label(g != bg)
    side = int(np.ceil(np.sqrt(n))) if n else 1
    out = np.zeros((side, side), dtype=int)
    out.flat[:n] = 1
    return out.tolist()
