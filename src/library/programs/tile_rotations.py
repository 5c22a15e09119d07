# Four rotated copies in a 2x2 block: grid, rotated 90, rotated 270, rotated 180 (pinwheel).
def rot90(g):
    h = len(g)
    return [[g[h - 1 - r][c] for r in range(h)] for c in range(len(g[0]))]


def transform(grid):
    if len(grid) != len(grid[0]):
        raise ValueError("needs a square grid")
    r1 = rot90(grid)
    r2 = rot90(r1)
    r3 = rot90(r2)
    top = [a + b for a, b in zip(grid, r1)]
    bottom = [a + b for a, b in zip(r3, r2)]
    return top + bottom
