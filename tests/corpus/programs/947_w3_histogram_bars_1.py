# task: c0rp0016
# wave 3: histogram_bars (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    colours = [int(c) for c in np.unique(g) if c != 0]
    heights = {c: int(np.sum(g == c)) for c in colours}
    tallest = max(heights.values()) if heights else 1
    out = np.zeros((tallest, len(colours) or 1), dtype=int)
    for j, c in enumerate(sorted(colours, key=lambda c: -heights[c])):
        out[tallest - heights[c]:, j] = c
    return out.astype(int).tolist()
