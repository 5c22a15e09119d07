# task: c0rp0019
def find_separator(grid):
    for c in range(len(grid[0])):
        if all(row[c] == 5 for row in grid):
            return c
    return None


def transform(grid):
    s = find_separator(grid)
    left = [row[:s] for row in grid]
    right = [row[s + 1:] for row in grid]
    return [[2 if l and r else 0 for l, r in zip(lr, rr)] for lr, rr in zip(left, right)]
