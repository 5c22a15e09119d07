#!/usr/bin/env python3
"""CPython reference runner for corpus programs: the same JSONL format as `arc-solver exec`.

    python3 scripts/reference_exec.py --programs tests/corpus/programs.jsonl \
        --challenges tests/corpus/challenges.json --out tests/corpus/reference.jsonl

Input lines: {"id", "task_id", "code"}. Output lines (compact JSON, one per program, input order):
{"id", "task_id", "outputs": [grid or null, ...], "errors": [null or "ErrorName", ...]}, one entry
per train input then per test input of the task.

Semantics mirror src/exec/vm.rs (`run_program`, `classify`, `py_to_grid`):
- the code is compiled as "<program>"; any compile failure is "SyntaxError" on every input;
- it runs in a fresh namespace whose __name__ is "__arc_program__"; an exception at module level is
  that exception's class name on every input;
- a missing or non-callable `transform` is "NameError" on every input;
- transform(fresh copy of the input) runs for each input in order; an exception gives its class name
  (type(e).__name__);
- the timeout is one wall-time budget for the whole program (module code and all inputs): the input
  running when it expires and every later input get "Timeout", and so does any exception raised
  after the deadline (a program may turn the interrupt into another exception);
- a return value is a grid if it is a list/tuple (or has tolist() returning one) of rows that are
  lists/tuples (or have tolist()), every cell an int (bools, np.integer and np.bool_ count; floats,
  np.float64 included, do not), 1-30 rows, 1-30 columns, rectangular, values 0-9; otherwise
  "InvalidOutput";
- a task id missing from the challenges gives empty lists and one "UnknownTask" error.

Modes:
- inprocess (default): programs run in this interpreter (or, with --workers N > 1, in N forked
  worker processes), the timeout enforced with SIGALRM;
- subprocess: one fresh `python3` process per program (program and inputs on stdin, JSON result on
  stdout), the way sandboxed Python pipelines run untrusted code; for benchmarking.

--bench-json PATH writes {"programs", "calls", "wall_s", "per_program_ms"}, timing only execution
(not file loading or writing).
"""

import argparse
import contextlib
import copy
import io
import json
import os
import signal
import subprocess
import sys
import time

PROGRAM_MODULE = "__arc_program__"  # src/exec/sandbox.rs PROGRAM_MODULE
MAX_SIDE = 30


class _Deadline(BaseException):
    """Raised by the SIGALRM handler when a program's budget is spent."""


def _on_alarm(signum, frame):
    raise _Deadline()


# ----------------------------------------------------------------------------- output validation


def _numpy_scalar_int(item):
    """int value of an np.integer / np.bool_ cell, or None (numpy is only looked up if loaded)."""
    np = sys.modules.get("numpy")
    if np is None:
        return None
    if isinstance(item, (np.integer, np.bool_)):
        return int(item)
    return None


def _sequence_items(obj):
    """Items of a list or tuple; objects with tolist() are converted first (vm.rs sequence_items)."""
    if isinstance(obj, (list, tuple)):
        return list(obj)
    try:
        tolist = getattr(obj, "tolist")
    except AttributeError:
        return None
    converted = tolist()
    if isinstance(converted, (list, tuple)):
        return _sequence_items(converted)
    return None


def to_grid(value):
    """The grid a returned value stands for, or None if it is not a valid ARC grid."""
    try:
        rows = _sequence_items(value)
    except Exception:
        return None
    if rows is None or len(rows) > MAX_SIDE:
        return None
    cells = []
    for row in rows:
        try:
            items = _sequence_items(row)
        except Exception:
            return None
        if items is None or len(items) > MAX_SIDE:
            return None
        out_row = []
        for item in items:
            if isinstance(item, int):  # bool is an int subclass
                v = int(item)
            else:
                v = _numpy_scalar_int(item)
                if v is None:
                    return None
            out_row.append(v)
        cells.append(out_row)
    if not cells or not cells[0]:
        return None
    width = len(cells[0])
    if any(len(r) != width for r in cells):
        return None
    if any(not (0 <= v <= 9) for r in cells for v in r):
        return None
    return cells


# ----------------------------------------------------------------------------- running one program


def run_program(code, inputs, timeout):
    """Results for one program: list of (grid or None, error name or None), one per input."""
    n = len(inputs)

    def fail_all(name):
        return [(None, name)] * n

    try:
        compiled = compile(code, "<program>", "exec")
    except BaseException:  # SyntaxError, IndentationError, ValueError (NUL bytes): all SyntaxError
        return fail_all("SyntaxError")

    deadline = time.monotonic() + timeout
    expired = lambda: time.monotonic() >= deadline  # noqa: E731
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    sink = io.StringIO()
    results = []
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            namespace = {"__name__": PROGRAM_MODULE, "__builtins__": __builtins__}
            try:
                exec(compiled, namespace)
            except _Deadline:
                return fail_all("Timeout")
            except BaseException as e:  # noqa: BLE001 - mirror the VM: every exception is a result
                return fail_all("Timeout" if expired() else type(e).__name__)
            transform = namespace.get("transform")
            if not callable(transform):
                return fail_all("NameError")
            for grid in inputs:
                if expired():
                    results.append((None, "Timeout"))
                    continue
                try:
                    value = transform(copy.deepcopy(grid))
                except _Deadline:
                    results.append((None, "Timeout"))
                    continue
                except BaseException as e:  # noqa: BLE001
                    results.append((None, "Timeout" if expired() else type(e).__name__))
                    continue
                try:
                    out = to_grid(value)
                except _Deadline:
                    results.append((None, "Timeout"))
                    continue
                results.append((out, None) if out is not None else (None, "InvalidOutput"))
            return results
    except _Deadline:  # the alarm landed between the handlers above
        results.extend([(None, "Timeout")] * (n - len(results)))
        return results
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)


# ----------------------------------------------------------------------------- corpus driver


def load_tasks(paths):
    tasks = {}
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        for tid, task in data.items():
            tasks[tid] = [p["input"] for p in task["train"]] + [p["input"] for p in task["test"]]
    return tasks


def load_programs(path):
    programs = []
    with open(path) as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                p = json.loads(line)
                programs.append({"id": p["id"], "task_id": p["task_id"], "code": p["code"]})
            except (ValueError, KeyError) as e:
                sys.exit(f"{path}:{i}: {e}")
    return programs


def result_line(program, results):
    line = {
        "id": program["id"],
        "task_id": program["task_id"],
        "outputs": [g for g, _ in results],
        "errors": [e for _, e in results],
    }
    return json.dumps(line, separators=(",", ":"))


# Set in forked pool workers (inherited through fork).
_WORK = {}


def _job(i):
    program = _WORK["programs"][i]
    inputs = _WORK["tasks"][program["task_id"]]
    start = time.perf_counter()
    results = run_program(program["code"], inputs, _WORK["timeout"])
    return results, (time.perf_counter() - start) * 1000.0


def run_inprocess(programs, tasks, timeout, workers):
    """(results per program, ms per program) for known tasks, in order."""
    jobs = [i for i, p in enumerate(programs) if p["task_id"] in tasks]
    if workers <= 1:
        out = []
        for i in jobs:
            p = programs[i]
            start = time.perf_counter()
            r = run_program(p["code"], tasks[p["task_id"]], timeout)
            out.append((r, (time.perf_counter() - start) * 1000.0))
        return dict(zip(jobs, out))
    import multiprocessing

    _WORK.update(programs=programs, tasks=tasks, timeout=timeout)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, maxtasksperchild=200) as pool:
        out = pool.map(_job, jobs, chunksize=1)
    return dict(zip(jobs, out))


def _subprocess_one(program, inputs, timeout):
    payload = json.dumps({"code": program["code"], "inputs": inputs, "timeout": timeout})
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child"],
            input=payload,
            capture_output=True,
            text=True,
            timeout=timeout + 30.0,  # interpreter start-up and imports are not in the budget
        )
        results = [tuple(r) for r in json.loads(proc.stdout)] if proc.returncode == 0 else None
    except (subprocess.TimeoutExpired, ValueError):
        results = None
    ms = (time.perf_counter() - start) * 1000.0
    if results is None or len(results) != len(inputs):
        results = [(None, "Timeout")] * len(inputs)
    return results, ms


def run_subprocess(programs, tasks, timeout, workers):
    jobs = [i for i, p in enumerate(programs) if p["task_id"] in tasks]
    if workers <= 1:
        out = [_subprocess_one(programs[i], tasks[programs[i]["task_id"]], timeout) for i in jobs]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as ex:
            out = list(ex.map(lambda i: _subprocess_one(programs[i], tasks[programs[i]["task_id"]], timeout), jobs))
    return dict(zip(jobs, out))


def child_main():
    """--child: read {"code", "inputs", "timeout"} on stdin, write the results list on stdout."""
    req = json.load(sys.stdin)
    real_stdout = sys.stdout
    # Import what the program imports before its budget starts, as the VM preloads its allowed
    # modules: the parent's timing still includes it, but a slow import cannot turn into a Timeout.
    for mod, marker in (("numpy", "numpy"), ("scipy.ndimage", "scipy")):
        if marker in req["code"]:
            try:
                __import__(mod)
            except ImportError:
                pass
    results = run_program(req["code"], req["inputs"], float(req["timeout"]))
    real_stdout.write(json.dumps([list(r) for r in results], separators=(",", ":")))
    real_stdout.flush()


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main()
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--programs", required=True, help="programs JSONL ({id, task_id, code} per line)")
    ap.add_argument("--challenges", required=True, action="append", help="challenges JSON (repeatable)")
    ap.add_argument("--out", required=True, help="results JSONL to write")
    ap.add_argument("--timeout", type=float, default=2.0, help="seconds per program, all inputs together")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--mode", choices=["inprocess", "subprocess"], default="inprocess")
    ap.add_argument("--bench-json", help="write execution timings here")
    args = ap.parse_args()

    programs = load_programs(args.programs)
    tasks = load_tasks(args.challenges)
    if args.mode == "inprocess":
        # Load what programs import before the clock starts, like the VM's preloaded modules.
        for mod in ("numpy", "scipy.ndimage", "collections", "itertools", "math"):
            try:
                __import__(mod)
            except ImportError:
                pass
    start = time.perf_counter()
    runner = run_inprocess if args.mode == "inprocess" else run_subprocess
    done = runner(programs, tasks, args.timeout, args.workers)
    wall = time.perf_counter() - start

    lines = []
    per_ms = []
    calls = 0
    for i, p in enumerate(programs):
        if i in done:
            results, ms = done[i]
            per_ms.append(round(ms, 3))
            calls += len(results)
        else:
            results = []
        line = result_line(p, results)
        if i not in done:
            line = json.dumps(
                {"id": p["id"], "task_id": p["task_id"], "outputs": [], "errors": ["UnknownTask"]},
                separators=(",", ":"),
            )
        lines.append(line)
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        f.write("".join(line + "\n" for line in lines))
    os.replace(tmp, args.out)
    if args.bench_json:
        with open(args.bench_json, "w") as f:
            json.dump({"programs": len(done), "calls": calls, "wall_s": round(wall, 6), "per_program_ms": per_ms}, f)
            f.write("\n")
    n_err = sum(1 for i in done for _, e in done[i][0] if e)
    print(f"{len(programs)} programs, {calls} calls, {n_err} errors, {wall:.2f} s ({args.mode})", file=sys.stderr)


if __name__ == "__main__":
    main()
