# task: c0rp0019
# wave 3: split_halves (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    sep = np.where((g == g[:, [0]]).all(axis=0) & (g[0] == 5))[0]
    c = int(sep[0]) if len(sep) else g.shape[1] // 2
    left, right = g[:, :c], g[:, c + 1:]
    out = np.where((left > 0) & (right > 0), 2, 0)
    return [row.tolist() for row in out]
