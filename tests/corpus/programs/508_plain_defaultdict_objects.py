# task: c0rp0017
from collections import defaultdict


def transform(grid):
    h, w = len(grid), len(grid[0])
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in range(h):
        for c in range(w):
            if grid[r][c]:
                parent[(r, c)] = (r, c)
    for (r, c) in list(parent):
        for nr, nc in ((r + 1, c), (r, c + 1)):
            if (nr, nc) in parent and grid[nr][nc] == grid[r][c]:
                a, b = find((r, c)), find((nr, nc))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups = defaultdict(list)
    for cell in parent:
        groups[find(cell)].append(cell)
    out = [row[:] for row in grid]
    for cells in groups.values():
        if len(cells) <= 2:
            for r, c in cells:
                out[r][c] = 0
    return out
