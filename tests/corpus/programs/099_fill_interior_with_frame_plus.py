# task: c0rp0003
def transform(grid):
    """Interior colour = frame colour + 3 (value > 9 for frame colour 7+)."""
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(h):
        for c in range(w):
            if grid[r][c] != 0:
                continue
            left = [v for v in grid[r][:c] if v]
            right = [v for v in grid[r][c + 1:] if v]
            up = [grid[y][c] for y in range(r) if grid[y][c]]
            down = [grid[y][c] for y in range(r + 1, h) if grid[y][c]]
            if left and right and up and down and left[-1] == right[0] == up[-1] == down[0]:
                out[r][c] = left[-1] + 3
    return out
