# task: c0rp0018
def fill(grid, r, c, colour, cells):
    """Recursive flood fill (objects here are tiny, so the recursion stays shallow)."""
    if r < 0 or c < 0 or r >= len(grid) or c >= len(grid[0]):
        return
    if grid[r][c] != colour or (r, c) in cells:
        return
    cells.add((r, c))
    fill(grid, r + 1, c, colour, cells)
    fill(grid, r - 1, c, colour, cells)
    fill(grid, r, c + 1, colour, cells)
    fill(grid, r, c - 1, colour, cells)


def transform(grid):
    out = [row[:] for row in grid]
    done = set()
    for r in range(len(grid)):
        for c in range(len(grid[0])):
            if grid[r][c] and (r, c) not in done:
                cells = set()
                fill(grid, r, c, grid[r][c], cells)
                done |= cells
                rs = [y for y, _ in cells]
                cs = [x for _, x in cells]
                for y in range(min(rs), max(rs) + 1):
                    for x in range(min(cs), max(cs) + 1):
                        if out[y][x] == 0:
                            out[y][x] = 4
    return out
