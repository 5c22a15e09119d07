# task: c0rp0022
def transform(grid):
    h, w = len(grid), len(grid[0])
    cells = {(r, c): grid[r][c] for r in range(h) for c in range(w)}
    out = [row[:] for row in grid]
    for (r, c), v in cells.items():
        # cells[...] raises KeyError at the grid border (should be .get)
        if v and cells[(r - 1, c)] == v and cells[(r + 1, c)] == v and cells[(r, c - 1)] == v and cells[(r, c + 1)] == v:
            out[r][c] = 0
    return out
