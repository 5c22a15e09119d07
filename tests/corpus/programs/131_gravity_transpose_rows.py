# task: c0rp0010
def settle(row):
    """Push non-zero cells to the end of the row."""
    cells = [v for v in row if v]
    return [0] * (len(row) - len(cells)) + cells


def transform(grid):
    cols = [list(c) for c in zip(*grid)]
    cols = [settle(c) for c in cols]
    return [list(r) for r in zip(*cols)]
