# task: c0rp0005
# wave 3: colour_histogram (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    counts = np.bincount(g.ravel(), minlength=10)[1:]
    colours = np.argsort(-counts, kind='stable') + 1
    colours = colours[counts[colours - 1] > 0]
    height = int(counts.max())
    out = np.zeros((height, len(colours)), dtype=int)
    for i, col in enumerate(colours):
        n = counts[col - 1]
        out[height - n:, i] = col
    return out
