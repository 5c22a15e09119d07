# task: c0rp0012
def transform(grid):
    rows = ["".join(str(v) for v in row) for row in grid]
    half = len(rows[0]) // 2
    mirrored = [r[:half] + r[:half][::-1] for r in rows]
    return [[int(ch) for ch in r] for r in mirrored]
