# task: c0rp0009
def transform(grid):
    v = grid[0][0]
    return [[0, v, 0], [v, v, v], [0, v, 0]]
