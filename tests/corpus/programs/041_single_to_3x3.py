# task: c0rp0009
def transform(grid):
    """A single pixel is blown up to a 3x3 square of the same colour."""
    c = grid[0][0]
    return [[c] * 3 for _ in range(3)]
