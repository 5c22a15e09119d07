# task: c0rp0010
# wave 3: gravity (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = Counter(g.flatten()).most_common(1)[0][0]
    out = g.copy()
    for c in range(g.shape[1]):
        col = [v for v in g[:, c] if v != bg]
        pad = [bg] * (g.shape[0] - len(col))
        out[:, c] = np.array(pad + col)
    return [[int(v) for v in row] for row in out]
