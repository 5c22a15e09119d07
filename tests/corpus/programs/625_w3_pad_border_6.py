# task: c0rp0006
# wave 3: pad_border (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        vals, counts = np.unique(g, return_counts=True)
        bg = vals[np.argmax(counts)]
        colours = [c for c in np.unique(g) if c != bg]
        border = colours[0] if colours else 1
        out = np.pad(g, 1, mode='constant', constant_values=border)
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
