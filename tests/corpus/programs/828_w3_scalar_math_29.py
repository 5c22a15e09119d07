# task: c0rp0016
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    vals = g.ravel()
    kinds = {type(v).__name__ for v in vals[:1]}
    out = g if 'int' in kinds else g.T
    return out.astype(int).tolist()
