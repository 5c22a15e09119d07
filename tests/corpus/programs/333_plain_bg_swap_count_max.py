# task: c0rp0014
def transform(grid):
    """Background = the colour with the most cells (ties -> smallest colour)."""
    bg = max(range(10), key=lambda v: sum(row.count(v) for row in grid))
    return [[0 if v == bg else v for v in row] for row in grid]
