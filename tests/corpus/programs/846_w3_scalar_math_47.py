# task: c0rp0002
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        peak = g.max()
        flags = [bool(v == peak) for v in g.ravel()]
        out = np.array(flags, dtype=int).reshape(g.shape) * int(peak)
        return [row.tolist() for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
