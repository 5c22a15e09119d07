# task: c0rp0023
def transform(grid):
    n = 0
    prev = None
    for row in grid:
        for v in row:
            if v and v != prev:
                n += 1
            prev = v
    # builds the column with a float count (n / 2) -> TypeError in range()
    return [[1] for _ in range(n / 2)]
