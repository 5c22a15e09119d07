# task: c0rp0008
def transform(grid):
    vals = sorted((row[0] for row in grid), reverse=True)
    return [[v] for v in vals]
