# task: c0rp0005
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    out = np.repeat(np.repeat(g, 3, axis=0), 3, axis=1)
    return [list(map(int, row)) for row in out]
