# task: c0rp0024
# wave 3: gravity (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        bg = int(np.bincount(g.flatten(), minlength=10).argmax())
        mask = (g != bg).astype(int)
        order = np.argsort(mask, axis=0, kind='stable')
        out = np.take_along_axis(g, order, axis=0)
        return [row.tolist() for row in out]
    except Exception:
        return grid
