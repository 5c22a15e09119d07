# task: c0rp0023
def transform(grid):
    """One row per distinct colour."""
    colours = sorted({v for row in grid for v in row} - {0})
    return [[c] for c in colours]
