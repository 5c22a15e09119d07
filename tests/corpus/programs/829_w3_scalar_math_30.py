# task: c0rp0011
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    total = g.sum()
    out = g.copy()
    if isinstance(total, float):
        out = out.T
    elif isinstance(total, np.floating):
        out = out[::-1]
    return [list(map(int, row)) for row in out]
