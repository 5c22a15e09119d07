# task: c0rp0009
def transform(grid):
    # doubles the colour value (> 9 for colours 5..9)
    v = grid[0][0] * 2
    return [[v] * 3 for _ in range(3)]
