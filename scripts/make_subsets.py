#!/usr/bin/env python3
"""Writes the task-id lists shipped in data/subsets/.

For each dataset (arc-prize-2024, arc-prize-2025) and split (training, evaluation), tasks are ranked by
the length of their rendered SOAR task content (the prompt the model sees), and the shortest, middle and
longest 10/30/100 are written to data/subsets/<dataset>/<rank>_<split>_<n>.txt. Deterministic: ties
break by task id.

    python3 scripts/make_subsets.py [--arc-data ../shared/arc-data]
"""
import argparse
import json
import os


def grid_text(g):
    return "[" + " ".join("[" + " ".join(str(v) for v in row) + "]" for row in g) + "]"


def content_length(task):
    n = 0
    for i, p in enumerate(task["train"], 1):
        for kind in ("Input", "Output"):
            g = p[kind.lower()]
            n += len(f"## {kind} {i} (grid shape: {len(g[0])} by {len(g)}):\n{grid_text(g)}\n")
        n += 1
    for i, p in enumerate(task["test"], 1):
        g = p["input"]
        n += len(f"## Test Input {i} (grid shape: {len(g[0])} by {len(g)}):\n{grid_text(g)}\n")
    return n


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--arc-data", default=os.path.join(here, "..", "..", "shared", "arc-data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "subsets"))
    args = ap.parse_args()
    for dataset in ("arc-prize-2024", "arc-prize-2025"):
        for split in ("training", "evaluation"):
            path = os.path.join(args.arc_data, dataset, f"arc-agi_{split}_challenges.json")
            with open(path) as f:
                tasks = json.load(f)
            ranked = sorted(tasks, key=lambda t: (content_length(tasks[t]), t))
            os.makedirs(os.path.join(args.out, dataset), exist_ok=True)
            for n in (10, 30, 100):
                mid = (len(ranked) - n) // 2
                for rank, ids in (("shortest", ranked[:n]), ("middle", ranked[mid:mid + n]),
                                  ("longest", ranked[-n:])):
                    with open(os.path.join(args.out, dataset, f"{rank}_{split}_{n}.txt"), "w") as f:
                        f.write("".join(i + "\n" for i in ids))


if __name__ == "__main__":
    main()
