# task: c0rp0024
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    v = g.max().item()
    bits = int(v).bit_length()
    out = np.full((1, max(1, bits)), v)
    return [list(map(int, row)) for row in out]
