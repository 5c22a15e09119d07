# task: c0rp0024
from fractions import Fraction


def transform(grid):
    # Fraction cells are not ints -> invalid unless converted
    out = []
    for row in grid:
        out.append([int(Fraction(v, 1)) if v != 5 else 0 for v in row])
    return out
