# Collapse runs of identical consecutive rows into one row, then the same for columns.
def dedupe(rows):
    out = []
    for row in rows:
        if not out or out[-1] != row:
            out.append(list(row))
    return out


def transform(grid):
    rows = dedupe(grid)
    cols = dedupe([list(col) for col in zip(*rows)])
    return [list(row) for row in zip(*cols)]
