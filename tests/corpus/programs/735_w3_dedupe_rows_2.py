# task: c0rp0006
# wave 3: dedupe_rows (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        uniq, idx = np.unique(g, axis=0, return_index=True)
        out = g[np.sort(idx)]
        return out.tolist()
    except Exception:
        return grid
