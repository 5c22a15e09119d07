# task: c0rp0005
# wave 3: pad_border (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    bg = np.bincount(g.ravel()).argmax()
    out = np.pad(g, ((1, 1), (2, 2)), mode='edge')
    out = out[:30, :30]
    return [row.tolist() for row in out]
