# task: c0rp0003
def transform(grid):
    """Each hollow frame gets filled with the colour of the frame."""
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for r in range(h):
        c = 0
        while c < w:
            if grid[r][c]:
                colour = grid[r][c]
                end = c + 1
                while end < w and grid[r][end] != colour:
                    end += 1
                if end < w and end > c + 1 and 0 < r < h - 1 and grid[r - 1][c + 1] == colour:
                    for x in range(c + 1, end):
                        if out[r][x] == 0:
                            out[r][x] = colour
                c = end + 1
            else:
                c += 1
    return out
