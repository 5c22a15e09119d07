# task: c0rp0010
def transform(grid):
    cols = [list(c) for c in zip(*grid)]
    for col in cols:
        col.sort(key=lambda v: v != 0)
    if len(cols) > 9:
        cols.reverese()  # typo -> AttributeError
    return [list(r) for r in zip(*cols)]
