# task: c0rp0010
# wave 3: pad_border (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
        colours = [c for c in np.unique(g) if c != bg]
        border = colours[0] if colours else 1
        out = np.pad(g, 1, mode='constant', constant_values=border)
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
