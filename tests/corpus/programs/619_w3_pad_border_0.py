# task: c0rp0024
# wave 3: pad_border (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        bg = 0
        colours = [c for c in np.unique(g) if c != bg]
        border = colours[0] if colours else 1
        out = np.pad(g, 1, mode='constant', constant_values=border)
        return [row.tolist() for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
