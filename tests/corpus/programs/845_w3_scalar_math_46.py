# task: c0rp0018
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    vals = [x.item() for x in g.ravel()]
    out = np.array(sorted(vals)).reshape(g.shape)
    return [row.tolist() for row in out]
