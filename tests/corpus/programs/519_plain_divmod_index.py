# task: c0rp0020
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [[0] * h for _ in range(w)]
    for i in range(h * w):
        r, c = divmod(i, w)
        out[c][r] = grid[r][c]
    return out
