# task: c0rp0018
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(h - 1):
        for c in range(w - 1):
            vals = [grid[r][c], grid[r][c + 1], grid[r + 1][c], grid[r + 1][c + 1]]
            nz = [v for v in vals if v]
            if len(nz) == 3 and nz[0] == nz[1] == nz[2]:
                for dr, dc in ((0, 0), (0, 1), (1, 0), (1, 1)):
                    if not out[r + dr][c + dc]:
                        out[r + dr][c + dc] = nz[0]
    return out
