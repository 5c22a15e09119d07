# task: c0rp0006
def transform(grid):
    k = 3
    return [[grid[r // k][c // k] for c in range(len(grid[0]) * k)] for r in range(len(grid) * k)]
