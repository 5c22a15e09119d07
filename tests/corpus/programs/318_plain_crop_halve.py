# task: c0rp0004
def transform(grid):
    """Take the bottom-right quadrant (where the objects were in the examples)."""
    h, w = len(grid), len(grid[0])
    return [row[w // 2:] for row in grid[h // 2:]]
