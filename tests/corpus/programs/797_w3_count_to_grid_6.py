# task: c0rp0003
# wave 3: count_to_grid (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter
from scipy import ndimage


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
    _, n = ndimage.label(g != bg)
    side = int(np.ceil(np.sqrt(n))) if n else 1
    out = np.zeros((side, side), dtype=int)
    out.flat[:n] = 1
    return out.astype(int).tolist()
