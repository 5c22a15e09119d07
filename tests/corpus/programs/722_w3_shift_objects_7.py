# task: c0rp0001
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    bg = Counter(g.flatten()).most_common(1)[0][0]
    shift = int(np.count_nonzero(g != bg) % 3) + 1
    out = np.roll(g, shift, axis=0)
    return [[int(v) for v in row] for row in out]
