# Tile the grid ry by rx times, mirroring tiles so the top-left tile is the 180-degree rotation.
RATIO = __RATIO__


def transform(grid):
    ry, rx = RATIO
    h = len(grid)
    out = []
    for i in range(ry):
        for r in range(h):
            src = grid[r] if i % 2 else grid[h - 1 - r]
            row = []
            for j in range(rx):
                row.extend(src if j % 2 else reversed(src))
            out.append(row)
    return out
