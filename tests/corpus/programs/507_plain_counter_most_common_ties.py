# task: c0rp0016
from collections import Counter


def transform(grid):
    cnt = Counter(v for row in grid for v in row)
    ranked = sorted(cnt.most_common(), key=lambda kv: (-kv[1], kv[0]))
    return [[k] for k, _ in ranked]
