# Transpose the grid (mirror along the main diagonal).
def transform(grid):
    h, w = len(grid), len(grid[0])
    return [[grid[r][c] for r in range(h)] for c in range(w)]
