# Connect pixels of the same colour lying in one row or column with a line of that colour.
from collections import Counter


def background(grid):
    counts = Counter(v for row in grid for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)

def transform(grid):
    bg = background(grid)
    h, w = len(grid), len(grid[0])
    out = [list(row) for row in grid]
    for r in range(h):
        last = {}
        for c in range(w):
            v = grid[r][c]
            if v == bg:
                continue
            if v in last:
                for x in range(last[v] + 1, c):
                    if out[r][x] == bg:
                        out[r][x] = v
            last[v] = c
    for c in range(w):
        last = {}
        for r in range(h):
            v = grid[r][c]
            if v == bg:
                continue
            if v in last:
                for y in range(last[v] + 1, r):
                    if out[y][c] == bg:
                        out[y][c] = v
            last[v] = r
    return out
