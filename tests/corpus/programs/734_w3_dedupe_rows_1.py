# task: c0rp0005
# wave 3: dedupe_rows (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    rows = np.any(np.diff(g, axis=0) != 0, axis=1)
    out = g[np.concatenate([[True], rows])]
    return out
