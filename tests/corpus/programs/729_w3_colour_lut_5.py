# task: c0rp0013
# wave 3: colour_lut (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    out = (g + 3) % 10
    out[g == 0] = 0
    return out.tolist()
