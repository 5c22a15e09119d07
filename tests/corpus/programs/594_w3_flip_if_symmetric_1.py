# task: c0rp0012
# wave 3: flip_if_symmetric (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    sym_h = bool((g == np.flip(g, axis=1)).all())
    sym_v = (g == np.flipud(g)).all()
    if sym_h and sym_v:
        out = g
    elif sym_h:
        out = g.T
    else:
        out = g[:, ::-1]
    return out
