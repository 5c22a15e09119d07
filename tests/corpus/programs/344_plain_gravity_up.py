# task: c0rp0010
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [[0] * w for _ in range(h)]
    for c in range(w):
        k = 0
        for r in range(h):
            if grid[r][c]:
                out[k][c] = grid[r][c]
                k += 1
    return out
