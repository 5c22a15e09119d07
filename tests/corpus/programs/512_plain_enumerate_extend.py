# task: c0rp0015
def transform(grid):
    out = []
    for r, row in enumerate(grid):
        nz = [(c, v) for c, v in enumerate(row) if v]
        if len(nz) == 1:
            out.append([nz[0][1] if v == 0 else v for v in row])
        else:
            out.append(list(row))
    return out
