# task: c0rp0018
def transform(grid):
    out = [row[:] for row in grid]
    h, w = len(grid), len(grid[0])
    for r in range(h):
        for c in range(w):
            if grid[r][c] == 0:
                n = 0
                # looks at r+1 / c+1 without bounds checks (IndexError on the last row)
                for dr, dc in ((0, 1), (1, 0), (1, 1)):
                    if grid[r + dr][c + dc]:
                        n += 1
                if n == 3:
                    out[r][c] = 4
    return out
