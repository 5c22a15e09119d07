# task: c0rp0015
def transform(grid):
    out = [row[:] for row in grid]
    h = len(grid)
    for r in range(h):
        for c, v in enumerate(grid[r]):
            if v:
                for x in range(len(grid[r])):
                    if out[r][x] == 0:
                        out[r][x] = v
                for y in range(h):
                    if out[y][c] == 0:
                        out[y][c] = 5
    return out
