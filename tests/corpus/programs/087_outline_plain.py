# task: c0rp0022
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(1, h - 1):
        for c in range(1, w - 1):
            v = grid[r][c]
            if v and grid[r - 1][c] == v and grid[r + 1][c] == v and grid[r][c - 1] == v and grid[r][c + 1] == v:
                out[r][c] = 0
    return out
