# task: c0rp0011
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        cells = g.size
        side = int(np.sqrt(cells))
        out = g.flatten()[: side * side].reshape(side, side)
        return out.astype(int).tolist()
    except Exception:
        return grid
