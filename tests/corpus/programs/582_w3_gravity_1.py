# task: c0rp0010
# wave 3: gravity (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = int(np.bincount(g.flatten(), minlength=10).argmax())
        out = g.copy()
        for c in range(g.shape[1]):
            col = [v for v in g[:, c] if v != bg]
            pad = [bg] * (g.shape[0] - len(col))
            out[:, c] = np.array(pad + col)
        return [row.tolist() for row in out]
    except Exception:
        return grid
