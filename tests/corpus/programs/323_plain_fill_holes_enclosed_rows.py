# task: c0rp0003
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    # mark reachable background from the border with a stack
    reach = set()
    stack = [(r, c) for r in range(h) for c in range(w) if (r in (0, h - 1) or c in (0, w - 1)) and grid[r][c] == 0]
    while stack:
        r, c = stack.pop()
        if (r, c) in reach:
            continue
        reach.add((r, c))
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < h and 0 <= nc < w and grid[nr][nc] == 0 and (nr, nc) not in reach:
                stack.append((nr, nc))
    for r in range(h):
        for c in range(w):
            if grid[r][c] == 0 and (r, c) not in reach:
                out[r][c] = 4
    return out
