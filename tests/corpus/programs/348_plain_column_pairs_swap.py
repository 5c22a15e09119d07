# task: c0rp0008
def transform(grid):
    out = [row[:] for row in grid]
    # swap neighbours pairwise: IndexError when the length is odd
    for i in range(0, len(grid), 2):
        out[i], out[i + 1] = out[i + 1], out[i]
    return out
