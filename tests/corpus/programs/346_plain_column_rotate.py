# task: c0rp0008
def transform(grid):
    """Rotate the column by one: last cell moves to the top."""
    return [grid[-1][:]] + [row[:] for row in grid[:-1]]
