# task: c0rp0020
# wave 3: float32_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    f = g.astype(np.float32)
    norm = f / f.max() if f.max() > 0 else f
    out = (norm * 9).round().astype(int)
    return out.astype(int).tolist()
