# Scale the grid up: every cell becomes an ry-by-rx block (factors learned from the train pairs).
RATIO = __RATIO__


def transform(grid):
    ry, rx = RATIO
    out = []
    for row in grid:
        wide = [v for v in row for _ in range(rx)]
        for _ in range(ry):
            out.append(list(wide))
    return out
