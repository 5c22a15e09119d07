# task: c0rp0018
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        bg = int(np.bincount(g.flatten(), minlength=10).argmax())
        shift = int(np.count_nonzero(g != bg) % 3) + 1
        out = np.roll(g, shift, axis=0)
        return out.astype(int).tolist()
    except Exception:
        return grid
