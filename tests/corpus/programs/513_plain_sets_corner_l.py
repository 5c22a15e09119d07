# task: c0rp0018
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(h - 1):
        for c in range(w - 1):
            cells = [(r, c), (r, c + 1), (r + 1, c), (r + 1, c + 1)]
            colours = {grid[y][x] for y, x in cells}
            filled = [(y, x) for y, x in cells if grid[y][x]]
            if len(filled) == 3 and len(colours - {0}) == 1:
                for y, x in cells:
                    if grid[y][x] == 0:
                        out[y][x] = 4
    return out
