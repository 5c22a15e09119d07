# task: c0rp0011
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    peak = g.max()
    flags = [bool(v == peak) for v in g.ravel()]
    out = np.array(flags, dtype=int).reshape(g.shape) * int(peak)
    return out.tolist()
