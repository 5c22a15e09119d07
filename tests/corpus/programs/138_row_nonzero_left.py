# task: c0rp0007
def transform(grid):
    """Non-zero colours slide left, in order."""
    row = grid[0]
    vals = [v for v in row if v != 0]
    return [vals + [0] * (len(row) - len(vals))]
