# task: c0rp0003
def transform(grid):
    """Mark shapes with True (bools count as ints: 1)."""
    return [[v != 0 for v in row] for row in grid]
