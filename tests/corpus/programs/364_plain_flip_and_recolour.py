# task: c0rp0001
def transform(grid):
    """Mirror, and grey noise (5) becomes black."""
    return [[0 if v == 5 else v for v in row[::-1]] for row in grid]
