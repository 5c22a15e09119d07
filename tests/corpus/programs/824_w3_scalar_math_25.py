# task: c0rp0004
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    d = abs(np.uint8(g.min()) - np.uint8(g.max()))
    out = np.full((1, 1), int(d) % 10)
    return out.astype(int).tolist()
