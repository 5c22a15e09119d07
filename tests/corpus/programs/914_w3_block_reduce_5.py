# task: c0rp0006
# wave 3: block_reduce (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    h, w = g.shape
    blocks = [g[r:r + 2, c:c + 2] for r in range(0, h - 1, 2) for c in range(0, w - 1, 2)]
    vals = [np.bincount(b.ravel()).argmax() for b in blocks]
    out = np.array(vals).reshape(h // 2, w // 2)
    return [row.tolist() for row in out]
