# task: c0rp0020
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    mean = g.mean()
    out = (g > mean).astype(int) * int(round(mean))
    return [[int(v) for v in row] for row in out]
