# task: c0rp0009
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    h, w = g.shape
    scale = max(1, 9 // max(h, w))
    out = np.zeros((h * scale, w * scale), dtype=g.dtype)
    for r in range(h):
        for c in range(w):
            out[r * scale:(r + 1) * scale, c * scale:(c + 1) * scale] = g[r, c]
    return [list(map(int, row)) for row in out]
