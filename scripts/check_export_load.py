"""Loads `arc-solver export` outputs the way a fine-tuning script would, and checks them.

Usage: check_export_load.py DIR [DIR ...]

Each DIR holds train.<ext> (and validation.<ext> when the export held tasks out) plus
dataset_info.json. Every file is loaded with `datasets.load_dataset` (the json or parquet builder)
and Parquet files also with `pyarrow.parquet`; the row counts must match dataset_info.json, chat rows
must be system/user/assistant messages with the program in a python block, and grids rows must hold
rectangular grids of colours 0-9. Prints one JSON line per directory; exits 1 on the first problem.
Runs offline: set HF_DATASETS_CACHE to a scratch directory.
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import datasets  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402


def fail(message):
    print(f"check_export_load: {message}", file=sys.stderr)
    sys.exit(1)


def check_grid(grid, where):
    if not grid or not all(len(row) == len(grid[0]) for row in grid):
        fail(f"{where}: not a rectangular grid")
    if not all(isinstance(v, int) and 0 <= v <= 9 for row in grid for v in row):
        fail(f"{where}: cells must be colours 0-9")


def check_row(row, kind, where):
    if kind == "grids":
        for column in ("train_inputs", "train_outputs", "test_inputs"):
            for i, grid in enumerate(row[column]):
                check_grid(grid, f"{where} {column}[{i}]")
        if len(row["train_inputs"]) != len(row["train_outputs"]):
            fail(f"{where}: train inputs and outputs differ in number")
        if row["source"] not in ("original", "hindsight"):
            fail(f"{where}: source {row['source']!r}")
        return
    roles = [m["role"] for m in row["messages"]]
    if roles != ["system", "user", "assistant"]:
        fail(f"{where}: roles {roles}")
    answer = row["messages"][2]["content"]
    if not (answer.startswith("```python\n") and answer.endswith("\n```") and "def transform" in answer):
        fail(f"{where}: the assistant message is not a python block with transform: {answer[:80]!r}")
    if row["kind"] != kind:
        fail(f"{where}: kind {row['kind']!r}, dataset_info says {kind!r}")
    if "# Task to solve:" not in row["messages"][1]["content"] and kind != "refine":
        fail(f"{where}: the user message does not hold the task")


def check_dir(path):
    with open(os.path.join(path, "dataset_info.json")) as f:
        info = json.load(f)
    fmt = info["format"]
    builder = "json" if fmt == "jsonl" else "parquet"
    files = {f["split"]: f for f in info["files"]}
    if not files:
        fail(f"{path}: dataset_info.json lists no files")
    data_files = {split: f["path"] if os.path.isabs(f["path"]) else os.path.join(path, os.path.basename(f["path"]))
                  for split, f in files.items()}
    loaded = datasets.load_dataset(builder, data_files=data_files)
    counts = {}
    for split, f in files.items():
        ds = loaded[split]
        expected = info[split]["examples"]
        if len(ds) != expected or f["rows"] != expected:
            fail(f"{path} {split}: {len(ds)} rows loaded, dataset_info.json says {expected}")
        for i, row in enumerate(ds):
            check_row(row, info["kind"], f"{path} {split} row {i}")
        if fmt == "parquet":
            table = pq.read_table(data_files[split])
            if table.num_rows != expected:
                fail(f"{path} {split}: pyarrow reads {table.num_rows} rows")
            if info["kind"] != "grids":
                messages = table.schema.field("messages").type
                if str(messages.value_type) != "struct<role: string not null, content: string not null>":
                    fail(f"{path} {split}: messages type {messages}")
        counts[split] = len(ds)
    print(json.dumps({"dir": path, "kind": info["kind"], "format": fmt, "rows": counts}))


def main():
    if len(sys.argv) < 2:
        fail("usage: check_export_load.py DIR [DIR ...]")
    for path in sys.argv[1:]:
        check_dir(path)


if __name__ == "__main__":
    main()
