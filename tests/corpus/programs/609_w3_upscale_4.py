# task: c0rp0009
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        factor = 3
        out = np.kron(g, np.ones((factor, factor), dtype=g.dtype))
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
