# task: c0rp0023
import sys

sys.setrecursionlimit(10000)


def transform(grid):
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]

    def flood(r, c, colour):
        if r < 0 or r >= h or c < 0 or c >= w or seen[r][c] or grid[r][c] != colour:
            return
        seen[r][c] = True
        flood(r + 1, c, colour)
        flood(r - 1, c, colour)
        flood(r, c + 1, colour)
        flood(r, c - 1, colour)

    n = 0
    for r in range(h):
        for c in range(w):
            if grid[r][c] and not seen[r][c]:
                flood(r, c, grid[r][c])
                n += 1
    return [[1] for _ in range(max(n, 1))]
