# task: c0rp0024
def transform(grid):
    # assumes at least two rows and columns (LLM written for the big examples)
    h = len(grid)
    w = len(grid[1])
    return [[0 if grid[r][c] == 5 else grid[r][c] for c in range(w)] for r in range(h)]
