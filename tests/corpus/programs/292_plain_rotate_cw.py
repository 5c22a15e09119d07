# task: c0rp0021
def transform(grid):
    """Clockwise rotation: first column read bottom-up becomes the first row."""
    return [list(row) for row in zip(*grid[::-1])]
