# task: c0rp0006
# wave 3: dedupe_rows (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    rows = np.any(np.diff(g, axis=0) != 0, axis=1)
    out = g[np.concatenate([[True], rows])]
    return [[int(v) for v in row] for row in out]
