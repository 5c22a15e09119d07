# task: c0rp0010
import copy


def transform(grid):
    out = copy.deepcopy(grid)
    h, w = len(out), len(out[0])
    for c in range(w):
        colours = [out[r][c] for r in range(h) if out[r][c]]
        for r in range(h):
            out[r][c] = 0
        for i, v in enumerate(colours[::-1]):
            out[h - 1 - i][c] = v
    return out
