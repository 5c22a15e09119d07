# Split the grid into two halves (at a divider line if any) and mark the cells set in both halves in the learned colour.
OUT_COLOR = __OUT_COLOR__


def halves(grid):
    h, w = len(grid), len(grid[0])
    if w % 2 == 1 and w > 1:
        m = w // 2
        line = {grid[r][m] for r in range(h)}
        if len(line) == 1 and line != {0}:
            return [row[:m] for row in grid], [row[m + 1:] for row in grid]
    if h % 2 == 1 and h > 1:
        m = h // 2
        if len(set(grid[m])) == 1 and grid[m][0] != 0:
            return grid[:m], grid[m + 1:]
    options = []
    if w % 2 == 0:
        options.append(([row[:w // 2] for row in grid], [row[w // 2:] for row in grid]))
    if h % 2 == 0:
        options.append((grid[:h // 2], grid[h // 2:]))
    for a, b in options:
        if {v for row in a for v in row} != {v for row in b for v in row}:
            return a, b
    if not options:
        raise ValueError("grid does not split in two")
    return options[0]


def transform(grid):
    top, bottom = halves(grid)
    out = []
    for ra, rb in zip(top, bottom):
        row = []
        for x, y in zip(ra, rb):
            a, b = x != 0, y != 0
            row.append(OUT_COLOR if a and b else 0)
        out.append(row)
    return out
