# task: c0rp0006
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    x = np.float32(g.sum()) / np.float32(g.size)
    out = np.full((1, 1), int(x * 10) % 10)
    return out.astype(int).tolist()
