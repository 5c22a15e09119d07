# task: c0rp0005
def transform(grid):
    h, w = len(grid), len(grid[0])
    return [[grid[r % h][c % w] for c in range(2 * w)] for r in range(2 * h)]
