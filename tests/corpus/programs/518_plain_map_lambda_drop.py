# task: c0rp0024
def transform(grid):
    return list(map(lambda row: list(map(lambda v: v if v != 5 else 0, row)), grid))
