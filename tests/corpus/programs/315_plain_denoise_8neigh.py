# task: c0rp0017
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(h):
        for c in range(w):
            v = grid[r][c]
            if not v:
                continue
            n = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if (dr or dc) and 0 <= r + dr < h and 0 <= c + dc < w and grid[r + dr][c + dc] == v:
                        n += 1
            if n < 2:
                out[r][c] = 0
    return out
