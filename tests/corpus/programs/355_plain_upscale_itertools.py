# task: c0rp0006
import itertools


def transform(grid):
    out = []
    for row in grid:
        wide = list(itertools.chain.from_iterable([v] * 3 for v in row))
        out.extend([wide[:] for _ in range(3)])
    return out
