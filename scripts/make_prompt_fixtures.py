#!/usr/bin/env python3
"""Writes the golden prompt fixtures under tests/fixtures/prompts/ from ../shared/specs.

The two spec files are copied unchanged (they are the project's interface, so the repository carries
them), and the tasks their examples were rendered from go into tasks.json (Kaggle's challenges format; where each came from in sources.json), so the golden tests need
no ARC data. For each example the task copy (ARC-AGI-1 or ARC-AGI-2, training or evaluation) whose
rendered task block appears in the golden user text is kept; ARC-AGI-2 reuses some ids with other pairs.

Usage: python3 scripts/make_prompt_fixtures.py [--specs DIR] [--data DIR]
"""
import argparse
import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC_FILES = ["soar-prompt.json", "soar-refine-prompt.json"]


def grid(g):
    return "[" + " ".join("[" + " ".join(str(v) for v in row) + "]" for row in g) + "]"


def shape(g):
    return f"{len(g[0])} by {len(g)}"


def task_content(task):
    s = []
    for i, pair in enumerate(task["train"], 1):
        s.append(f"## Input {i} (grid shape: {shape(pair['input'])}):\n{grid(pair['input'])}\n")
        s.append(f"## Output {i} (grid shape: {shape(pair['output'])}):\n{grid(pair['output'])}\n\n")
    for i, t in enumerate(task["test"], 1):
        s.append(f"## Test Input {i} (grid shape: {shape(t['input'])}):\n{grid(t['input'])}\n")
    return "".join(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--specs", default=str(ROOT.parent / "shared" / "specs"))
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "arc-data"))
    args = ap.parse_args()
    specs, data = pathlib.Path(args.specs), pathlib.Path(args.data)
    out = ROOT / "tests" / "fixtures" / "prompts"
    out.mkdir(parents=True, exist_ok=True)
    copies = {}
    for dataset in ["arc-prize-2024", "arc-prize-2025"]:
        for split in ["training", "evaluation"]:
            path = data / dataset / f"arc-agi_{split}_challenges.json"
            for tid, task in json.loads(path.read_text()).items():
                copies.setdefault(tid, []).append((f"{dataset}/{split}", task))
    tasks, sources = {}, {}
    for name in SPEC_FILES:
        shutil.copyfile(specs / name, out / name)
        for ex in json.loads((specs / name).read_text())["examples"]:
            tid = ex["task_id"]
            # The refinement prompt has no blank line between the last train pair and the test inputs.
            found = [
                (src, t)
                for src, t in copies.get(tid, [])
                if task_content(t) in ex["user"]
                or task_content(t).replace("\n\n## Test", "\n## Test", 1) in ex["user"]
            ]
            if not found:
                sys.exit(f"{name}: no copy of task {tid} renders into its golden user text")
            src, task = found[0]
            if sources.get(tid, src) != src:
                sys.exit(f"task {tid}: the examples were rendered from different copies")
            sources[tid] = src
            tasks[tid] = {"train": task["train"], "test": task["test"]}
    # Kaggle's challenges format, so the tests load it with the project's own task loader.
    (out / "tasks.json").write_text(json.dumps(tasks, indent=1) + "\n")
    (out / "sources.json").write_text(json.dumps(sources, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(SPEC_FILES)} specs and {len(tasks)} tasks to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
