# Split the grid at divider lines (or into equal squares) and output the cell holding the most non-background cells.
from collections import Counter


def split_cells(grid):
    """Equal sub-grids between full divider lines of one colour (or equal squares), and their background."""
    h, w = len(grid), len(grid[0])
    counts = Counter(v for row in grid for v in row)
    common = counts.most_common(1)[0][0]

    def spans(lines, n):
        out = []
        start = 0
        for i in lines + [n]:
            if i > start:
                out.append((start, i))
            start = i + 1
        return out

    best = None
    for d in counts:
        if d == common:
            continue
        rows = [r for r in range(h) if all(v == d for v in grid[r])]
        cols = [c for c in range(w) if all(grid[r][c] == d for r in range(h))]
        if not rows and not cols:
            continue
        rs, cs = spans(rows, h), spans(cols, w)
        if len({b - a for a, b in rs}) != 1 or len({b - a for a, b in cs}) != 1 or len(rs) * len(cs) < 2:
            continue
        if best is None or len(rows) + len(cols) > best[0]:
            best = (len(rows) + len(cols), d, rs, cs)
    if best is None:
        # No divider lines: a stack of equal squares along the longer side.
        if h != w and max(h, w) % min(h, w) == 0:
            k = min(h, w)
            if h > w:
                cells = [grid[i:i + k] for i in range(0, h, k)]
            else:
                cells = [[row[i:i + k] for row in grid] for i in range(0, w, k)]
            return cells, common
        raise ValueError("no divider lines")
    _, d, rs, cs = best
    cells = [[row[c0:c1] for row in grid[r0:r1]] for r0, r1 in rs for c0, c1 in cs]
    rest = Counter(v for row in grid for v in row if v != d)
    bg = rest.most_common(1)[0][0] if rest else common
    return cells, bg


def transform(grid):
    cells, bg = split_cells(grid)
    scores = [sum(v != bg for row in cell for v in row) for cell in cells]
    best = max(scores)
    if scores.count(best) != 1:
        raise ValueError("no single most coloured cell")
    return cells[scores.index(best)]
