# task: c0rp0009
import copy


def transform(grid):
    template = [[None] * 3 for _ in range(3)]
    out = copy.deepcopy(template)
    for r in range(3):
        for c in range(3):
            out[r][c] = grid[0][0]
    return out
