# task: c0rp0005
from itertools import chain, repeat


def transform(grid):
    rows = [list(chain.from_iterable(repeat(row, 2))) for row in grid]
    return list(chain(rows, [r[:] for r in rows]))
