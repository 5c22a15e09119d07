# task: c0rp0013
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    out = np.select([g == 0, g < 5], [9, g + 1], default=0)
    return [row.tolist() for row in out]
