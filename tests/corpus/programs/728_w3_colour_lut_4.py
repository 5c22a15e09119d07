# task: c0rp0014
# wave 3: colour_lut (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    mapping = {1: 2, 2: 1, 3: 4, 4: 3}
    out = g.copy()
    for a, b in mapping.items():
        out[g == a] = b
    return out.tolist()
