# task: c0rp0008
def transform(grid):
    n = len(grid)
    return [[grid[n - 1 - i][0]] for i in range(n)]
