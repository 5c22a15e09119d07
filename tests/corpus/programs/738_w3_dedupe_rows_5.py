# task: c0rp0012
# wave 3: dedupe_rows (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    uniq, idx = np.unique(g, axis=0, return_index=True)
    out = g[np.sort(idx)]
    return out.tolist()
