# task: c0rp0001
def transform(grid):
    h = len(grid)
    w = len(grid[0])
    out = [[0] * w for _ in range(h)]
    for r in range(h):
        for c in range(w):
            out[r][w - 1 - c] = grid[r][c]
    return out
