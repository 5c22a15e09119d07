"""Writes submission/arc_solver_kaggle.ipynb (edit the cells here, then run this script)."""
import json
import os
cells = []
def md(text): cells.append({"cell_type": "markdown", "metadata": {}, "source": text.strip("\n").splitlines(keepends=True)})
def code(text): cells.append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": text.strip("\n").splitlines(keepends=True)})

md("""
# arc-solver — ARC Prize submission notebook

One Rust binary does everything: prompts, samples programs from a local Qwen model on the GPUs, runs them
in an embedded Python VM, votes and writes `submission.json`. No internet, no pip installs.

**Attach as inputs** (see `submission/README.md` in the repository):
1. the competition data (`ARC_DATA_ROOT` points at it on Kaggle);
2. a dataset with the binary built by `scripts/build-release.sh` (`arc-solver-cuda`, plus `arc-solver-cpu`);
3. a dataset with the model directory (`config.json`, `tokenizer.json`, `*.safetensors`; optionally LoRA
   adapter directories beside it).

Every setting below can be overridden by an environment variable of the same name, which is how the notebook
is checked off Kaggle (CPU, library backend, short budget).
""")

code(r'''
import glob, json, os, shutil, subprocess, sys, time

def setting(name, default):
    return os.environ.get(name, default)

def first(pattern):
    found = sorted(glob.glob(pattern, recursive=True))
    return found[0] if found else None

def compute_capability():
    """The first GPU's compute capability as a number (7.5 for a T4), or None without one."""
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=30).stdout.split()
        return float(out[0]) if out else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None

# arc-solver-cuda carries sm_80 PTX (A100, L4, H100: bf16); T4s (7.5) need the sm_75 build.
CAP = compute_capability()
CUDA_BUILD = "arc-solver-cuda-sm75" if CAP is not None and CAP < 8.0 else "arc-solver-cuda"

DATA_ROOT   = setting("ARC_DATA_ROOT", "/kaggle/input/arc-prize-2025")
WORK_DIR    = setting("ARC_WORK_DIR", "/kaggle/working")
BINARY      = setting("ARC_SOLVER_BIN", first(f"/kaggle/input/**/{CUDA_BUILD}") or "")
MODEL_DIR   = setting("ARC_MODEL_DIR", os.path.dirname(first("/kaggle/input/**/config.json") or "/missing/x"))
LORA_DIR    = setting("ARC_LORA_DIR", "")           # a PEFT adapter directory, or empty
BACKEND     = setting("ARC_BACKEND", "local")       # local on Kaggle; `library` checks the plumbing on a CPU
DEV_MODE    = setting("ARC_DEV_MODE", "0") == "1"   # evaluation split, scored, instead of the test split
TIME_BUDGET = setting("ARC_TIME_BUDGET", "11h30m")  # from process start; Kaggle's limit is 12 h
ATTEMPTS    = setting("ARC_ATTEMPTS", "64")         # most samples per task; the budget plans fewer if needed
EXTRA_ARGS  = setting("ARC_EXTRA_ARGS", "--max-new-tokens 2048 --temperature 1.0 --min-p 0.05").split()

SPLIT = "evaluation" if DEV_MODE else "test"
OUT = os.path.join(WORK_DIR, "submission.json")
REPORT = os.path.join(WORK_DIR, "report.html")  # dev mode: the run's page (metrics, plot, every task)
print(json.dumps(dict(GPU_COMPUTE_CAPABILITY=CAP, DATA_ROOT=DATA_ROOT, BINARY=BINARY, MODEL_DIR=MODEL_DIR, LORA_DIR=LORA_DIR,
                      BACKEND=BACKEND, SPLIT=SPLIT, TIME_BUDGET=TIME_BUDGET, ATTEMPTS=ATTEMPTS), indent=1))
''')

md("""
Kaggle mounts inputs read-only and without the executable bit: copy the binary to the working directory.
The executor's worker processes re-run this same binary.
""")

code(r'''
assert BINARY and os.path.exists(BINARY), f"binary not found: {BINARY!r} (attach the arc-solver dataset)"
SOLVER = os.path.join(WORK_DIR, "arc-solver")
if os.path.abspath(BINARY) != os.path.abspath(SOLVER):
    shutil.copy(BINARY, SOLVER)
os.chmod(SOLVER, 0o755)
# The CUDA build loads the driver and cuBLAS/cuRAND 13 at run time; ship those libraries in a `lib/`
# folder beside the binary when the image has older ones (see submission/README.md).
LIB_DIR = os.path.join(os.path.dirname(BINARY), "lib")
if os.path.isdir(LIB_DIR):
    os.environ["LD_LIBRARY_PATH"] = LIB_DIR + ":" + os.environ.get("LD_LIBRARY_PATH", "")
subprocess.run([SOLVER, "--version"], check=True)
if BACKEND == "local" and shutil.which("nvidia-smi"):
    subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv"])
''')

md("""
## Solve

`--time-budget` plans samples per task from the throughput measured on the first tasks so that every task
gets a first pass before any gets a second and the run ends inside the budget; at the hard deadline the
submission is final and the binary exits 0. The submission on disk is complete and valid at every moment.
""")

code(r'''
cmd = [SOLVER, "solve", "--data-root", DATA_ROOT, "--split", SPLIT, "--out", OUT,
       "--time-budget", TIME_BUDGET, "--attempts", ATTEMPTS, "--runs-dir", os.path.join(WORK_DIR, "runs"),
       "--db", os.path.join(WORK_DIR, "runs", "programs.db")]
if BACKEND == "local":
    cmd += ["--model", MODEL_DIR, "--devices", "all"]
    if LORA_DIR:
        cmd += ["--lora", LORA_DIR]
else:
    cmd += ["--backend", BACKEND]
if DEV_MODE:
    cmd += ["--report", REPORT]
cmd += EXTRA_ARGS
print(" ".join(cmd), flush=True)
started = time.time()
result = subprocess.run(cmd)
print(f"solve exited {result.returncode} after {time.time() - started:.0f} s", flush=True)
''')

md("""
## Check the file

A run that died still leaves a valid file (the fallback written before any model work, then each task's
answers), so validate whatever is there.
""")

code(r'''
challenges = os.path.join(DATA_ROOT, f"arc-agi_{SPLIT}_challenges.json")
subprocess.run([SOLVER, "validate", OUT, "--challenges", challenges], check=True)
solutions = os.path.join(DATA_ROOT, f"arc-agi_{SPLIT}_solutions.json")
if DEV_MODE and os.path.exists(solutions):
    subprocess.run([SOLVER, "score", OUT, "--solutions", solutions], check=True)
''')

md("""
## Report (dev mode)

In dev mode `solve --report` wrote one self-contained HTML page of the run (`report.html` beside the
submission: metrics, tasks solved against attempts per task, and every task's grids, voted answers and top
programs). It is shown here in a frame; it fetches nothing, so it also opens offline from the output files.
""")

code(r'''
if DEV_MODE and os.path.exists(REPORT):
    import html as _html
    with open(REPORT, encoding="utf-8") as f:
        page = f.read()
    print(f"{REPORT}: {len(page) / 1024:.0f} KiB")
    try:
        from IPython.display import HTML, display
    except ImportError:  # run outside Jupyter (scripts/run_notebook.py): the file is the output
        display = None
    if display is not None:
        display(HTML(f'<div><iframe srcdoc="{_html.escape(page)}" style="width:100%;height:900px;border:1px solid #ccc"></iframe></div>'))
elif DEV_MODE:
    print(f"no report at {REPORT} (the run did not finish?)")
''')

nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
      "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
for i, c in enumerate(nb["cells"]):
    c["id"] = f"cell-{i}"
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "submission", "arc_solver_kaggle.ipynb")
with open(out, "w") as f:
    json.dump(nb, f, indent=1)
    f.write("\n")
print(f"wrote {out}")
