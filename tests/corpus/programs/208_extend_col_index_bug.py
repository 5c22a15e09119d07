# task: c0rp0015
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(h):
        for c in range(w):
            if grid[r][c]:
                # vertical line, but indexes rows with the width (off for non-square grids)
                for y in range(w):
                    out[y][c] = grid[r][c]
    return out
