# task: c0rp0005
def transform(grid):
    t = tuple(tuple(r) for r in grid)
    cache = {t: [list(r) + list(r) for r in t] * 2}
    return cache[t]
