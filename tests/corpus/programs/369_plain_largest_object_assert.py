# task: c0rp0011
def transform(grid):
    colours = {v for row in grid for v in row if v}
    # the LLM assumed a single object colour
    assert len(colours) <= 2, "expected at most two colours"
    colour = max(colours)
    rows = [r for r, row in enumerate(grid) if colour in row]
    cols = [c for c in range(len(grid[0])) if any(row[c] == colour for row in grid)]
    return [[v if v == colour else 0 for v in grid[r][cols[0]:cols[-1] + 1]] for r in rows]
