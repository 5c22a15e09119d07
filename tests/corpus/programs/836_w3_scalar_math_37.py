# task: c0rp0002
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    total = g.sum()
    h, w = g.shape
    avg = total / g.size
    level = int(avg) % 10
    out = np.full((h, w), level)
    return [list(map(int, row)) for row in out]
