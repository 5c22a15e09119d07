"""Runs a notebook's code cells in order in one namespace, like a kernel would, without Jupyter.

Used to check submission/arc_solver_kaggle.ipynb off Kaggle: its settings come from environment
variables (ARC_SOLVER_BIN, ARC_DATA_ROOT, ARC_BACKEND, ARC_DEV_MODE, ARC_TIME_BUDGET, ...).

    ARC_SOLVER_BIN=dist/arc-solver-cpu ARC_BACKEND=library ARC_DEV_MODE=1 ARC_TIME_BUDGET=3m \
    ARC_DATA_ROOT=../shared/arc-data/arc-prize-2025 ARC_WORK_DIR=/tmp/nb ARC_ATTEMPTS=8 ARC_EXTRA_ARGS= \
    python3 scripts/run_notebook.py submission/arc_solver_kaggle.ipynb
"""
import json
import sys
import time


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with open(sys.argv[1]) as f:
        notebook = json.load(f)
    namespace = {"__name__": "__main__"}
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(cells, 1):
        source = "".join(cell["source"])
        print(f"--- cell {i}/{len(cells)}", flush=True)
        started = time.time()
        exec(compile(source, f"cell-{i}", "exec"), namespace)
        print(f"--- cell {i} done in {time.time() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
