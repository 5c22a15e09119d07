# task: c0rp0013
# wave 3: float32_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    f = np.asarray(g, dtype=np.float32)
    m = f.mean(axis=0)
    out = (f > m).astype(np.uint8) * 5
    return [[int(v) for v in row] for row in out]
