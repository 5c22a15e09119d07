# task: c0rp0013
def transform(grid):
    table = str.maketrans("0123456789", "3456789012")
    return [[int(ch) for ch in "".join(map(str, row)).translate(table)] for row in grid]
