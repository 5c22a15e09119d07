# task: c0rp0018
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(h - 1):
        for c in range(w - 1):
            block = [grid[r][c], grid[r][c + 1], grid[r + 1][c], grid[r + 1][c + 1]]
            if sum(1 for v in block if v) == 3 and len(set(v for v in block if v)) == 1:
                for dr in range(2):
                    for dc in range(2):
                        if grid[r + dr][c + dc] == 0:
                            out[r + dr][c + dc] = 4
    return out
