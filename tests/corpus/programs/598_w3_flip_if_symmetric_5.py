# task: c0rp0021
# wave 3: flip_if_symmetric (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        sym_h = bool((g == np.flip(g, axis=1)).all())
        sym_v = (g == np.flipud(g)).all()
        if sym_h and sym_v:
            out = g
        elif sym_h:
            out = g.T
        else:
            out = g[:, ::-1]
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
