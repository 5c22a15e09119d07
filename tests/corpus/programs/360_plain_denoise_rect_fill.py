# task: c0rp0017
from collections import defaultdict


def transform(grid):
    """Redraw each colour's bounding rectangle, drop the noise colours."""
    boxes = defaultdict(lambda: [99, 99, -1, -1])
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v:
                b = boxes[v]
                b[0], b[1] = min(b[0], r), min(b[1], c)
                b[2], b[3] = max(b[2], r), max(b[3], c)
    out = [[0] * len(grid[0]) for _ in grid]
    for colour, (r0, c0, r1, c1) in boxes.items():
        if colour in (5, 7, 9):
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if grid[r][c] == colour:
                    out[r][c] = colour
    return out
