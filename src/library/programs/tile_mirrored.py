# Tile the grid ry by rx times, mirroring every other tile so neighbouring tiles reflect each other.
RATIO = __RATIO__


def transform(grid):
    ry, rx = RATIO
    h = len(grid)
    out = []
    for i in range(ry):
        for r in range(h):
            src = grid[h - 1 - r] if i % 2 else grid[r]
            row = []
            for j in range(rx):
                row.extend(reversed(src) if j % 2 else src)
            out.append(row)
    return out
