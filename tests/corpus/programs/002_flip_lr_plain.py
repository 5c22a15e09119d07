# task: c0rp0001
def transform(grid):
    # Each row is simply reversed: the output is the horizontal mirror image.
    return [row[::-1] for row in grid]
