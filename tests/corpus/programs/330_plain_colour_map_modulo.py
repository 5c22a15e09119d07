# task: c0rp0013
def transform(grid):
    return [[(v + 3) % 10 for v in row] for row in grid]
