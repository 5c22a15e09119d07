# task: c0rp0007
def transform(grid):
    """Sort the colours in the single row from largest to smallest."""
    return [sorted(grid[0], reverse=True)]
