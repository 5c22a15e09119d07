# task: c0rp0010
def transform(grid):
    h = len(grid)
    cols = []
    for col in zip(*grid):
        # sorted with a key is stable, so colours keep their order
        cols.append(sorted(col, key=lambda v: v != 0))
    return [[cols[c][r] for c in range(len(cols))] for r in range(h)]
