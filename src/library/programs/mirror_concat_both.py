# Four-way symmetric completion: the grid, its mirror images and its 180-degree rotation in a 2x2 block.
def transform(grid):
    top = [list(row) + list(reversed(row)) for row in grid]
    return top + [list(row) for row in reversed(top)]
