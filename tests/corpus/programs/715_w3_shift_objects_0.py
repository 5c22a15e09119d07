# task: c0rp0016
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        vals, counts = np.unique(g, return_counts=True)
        bg = vals[np.argmax(counts)]
        out = np.roll(g, 1, axis=1)
        out[:, 0] = bg
        return out.astype(int).tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
