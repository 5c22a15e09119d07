#!/usr/bin/env python3
"""CPU time CPython takes per program, for `arc-solver bench steps` (step-budget calibration).

    python3 scripts/cpython_times.py --programs P.jsonl --challenges C.json [--challenges ...] \
        [--repeat 3] [--timeout 30]

Runs every program of P.jsonl whose task is known on all its task's inputs, exactly as
scripts/reference_exec.py does (its `run_program`: module code, then `transform` on each input),
`--repeat` times in a row, and prints one JSON object on stdout:
{"per_program_cpu_ms": [...], "per_program_wall_ms": [...], "errors": [[...], ...]}, in file order,
programs of unknown tasks left out (as `arc-solver bench` leaves them out).

Times are the best of the repetitions; CPU time is the thread's (`time.thread_time`), so a loaded
machine changes it far less than wall time. numpy and scipy.ndimage are imported before timing
starts, like the embedded interpreter's preloaded modules.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_exec  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--programs", required=True)
    ap.add_argument("--challenges", required=True, action="append")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per program run")
    args = ap.parse_args()
    programs = reference_exec.load_programs(args.programs)
    tasks = reference_exec.load_tasks(args.challenges)
    for mod in ("numpy", "scipy.ndimage", "collections", "itertools", "math"):
        try:
            __import__(mod)
        except ImportError:
            pass
    cpu_ms, wall_ms, errors = [], [], []
    for p in programs:
        if p["task_id"] not in tasks:
            continue
        best_cpu = best_wall = float("inf")
        results = []
        for _ in range(max(1, args.repeat)):
            cpu, wall = time.thread_time(), time.perf_counter()
            results = reference_exec.run_program(p["code"], tasks[p["task_id"]], args.timeout)
            best_cpu = min(best_cpu, time.thread_time() - cpu)
            best_wall = min(best_wall, time.perf_counter() - wall)
        cpu_ms.append(round(best_cpu * 1000.0, 3))
        wall_ms.append(round(best_wall * 1000.0, 3))
        errors.append([e for _, e in results])
    json.dump({"per_program_cpu_ms": cpu_ms, "per_program_wall_ms": wall_ms, "errors": errors}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
