# task: c0rp0009
def transform(grid):
    v = grid[0][0]
    out = [[v] * 3 for _ in range(3)]
    out[1][1] = 0
    return out
