# task: c0rp0024
def transform(grid):
    """Grey cells are erased."""
    return [[0 if v == 5 else v for v in row] for row in grid]
