# task: c0rp0006
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    mean = g.mean()
    out = g.copy()
    out[g > mean] = int(mean) if isinstance(mean, float) else 0
    return out.tolist()
