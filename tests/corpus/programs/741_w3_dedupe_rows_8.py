# task: c0rp0005
# wave 3: dedupe_rows (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    uniq, idx = np.unique(g, axis=0, return_index=True)
    out = g[np.sort(idx)]
    return [[int(v) for v in row] for row in out]
