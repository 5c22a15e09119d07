# task: c0rp0008
def transform(grid):
    """The single column is read bottom to top."""
    return grid[::-1]
