# task: c0rp0010
import copy


def transform(grid):
    g = copy.deepcopy(grid)
    h = len(g)
    moved = True
    while moved:
        moved = False
        for r in range(h - 2, -1, -1):
            for c in range(len(g[0])):
                if g[r][c] and not g[r + 1][c]:
                    g[r + 1][c], g[r][c] = g[r][c], 0
                    moved = True
    return g
