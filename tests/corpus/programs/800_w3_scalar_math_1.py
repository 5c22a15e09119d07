# task: c0rp0022
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        mx = g.max()
        out = g.copy()
        if isinstance(mx, int):
            out[g == mx] = 0
        else:
            out[g == mx] = 9
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
