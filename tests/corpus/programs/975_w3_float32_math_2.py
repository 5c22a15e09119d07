# task: c0rp0005
# wave 3: float32_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    f = g.astype('float32') * np.float32(0.5)
    out = np.floor(f).astype(np.int32) + np.ceil(f).astype(np.int32)
    out = np.clip(out, 0, 9)
    return [row.tolist() for row in out]
