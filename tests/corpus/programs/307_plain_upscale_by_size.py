# task: c0rp0006
def transform(grid):
    """Scale factor = number of rows (maybe?) -> too big for the 5x5 test."""
    k = len(grid)
    return [[v for v in row for _ in range(k)] for row in grid for _ in range(k)]
