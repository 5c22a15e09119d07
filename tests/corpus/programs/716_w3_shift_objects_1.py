# task: c0rp0002
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        bg = Counter(g.flatten()).most_common(1)[0][0]
        shift = int(np.count_nonzero(g != bg) % 3) + 1
        out = np.roll(g, shift, axis=0)
        return [row.tolist() for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
