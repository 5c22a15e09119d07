# task: c0rp0016
from dataclasses import dataclass


@dataclass
class Bar:
    colour: int
    count: int


def transform(grid):
    bars = [Bar(c, sum(row.count(c) for row in grid)) for c in range(10)]
    bars = [b for b in bars if b.count]
    bars.sort(key=lambda b: b.count, reverse=True)
    width = max(b.count for b in bars)
    # a bar chart row per colour: too wide when a colour has more than 30 cells
    return [[b.colour] * b.count + [0] * (width - b.count) for b in bars]
