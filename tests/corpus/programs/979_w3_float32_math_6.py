# task: c0rp0010
# wave 3: float32_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    f = g.astype('float32') * np.float32(0.5)
    out = np.floor(f).astype(np.int32) + np.ceil(f).astype(np.int32)
    out = np.clip(out, 0, 9)
    return out.tolist()
