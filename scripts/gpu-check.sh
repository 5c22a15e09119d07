#!/usr/bin/env bash
# The local engine's acceptance check, in one call.
#
#   scripts/gpu-check.sh [--binary PATH | --binary-xz PATH] [--skip SECTIONS]   # on a GPU machine
#   scripts/gpu-check.sh --cpu [--binary PATH]                                  # anywhere (CI)
#
# GPU mode is for a machine with NVIDIA GPUs, Python with torch and transformers (peft for the
# adapter fixtures), no Rust and no network: copy the repository (its tracked files) and the
# stripped, xz-compressed CUDA binary (scripts/build-release.sh --cuda-only, then
# `xz -9 -T0 -k dist/arc-solver-cuda`; about 13 MB), and run
#     scripts/gpu-check.sh --binary-xz dist/arc-solver-cuda.xz
# It prints one table (versions; parity of logits, greedy tokens, shared-prefix batches and the
# device kernels against transformers in f32/bf16/f16; bench gen throughput of the 0.5B, 4B and 7B
# shapes at batches 1-256 with a 4k-token prompt, against transformers' generate; solve on every
# GPU) in under 8 minutes, and exits 1 when a check fails. The binary loads cuBLAS/cuRAND 13 at run
# time: the script finds them in the Python environment (the nvidia-cublas wheel torch brings for
# CUDA 13, or 12: cudarc falls back to .so.12) or /usr/local/cuda, and puts them on LD_LIBRARY_PATH.
# The driver must support the binary's CUDA (R580+ for 13.0): the binary refuses an older one.
#
# CPU mode (--cpu) needs only python3: the same checks at tiny sizes on the CPU, parity against the
# committed references (tests/fixtures/reference). Without --binary it uses target/release or
# target/debug arc-solver, building the debug one with cargo when neither exists.
#
# Options: --python PY (default python3), --skip versions,parity,throughput,solve,
# --throughput-budget SECONDS (default 240).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

die() { echo "gpu-check: error: $*" >&2; exit 2; }
say() { echo "gpu-check: $*" >&2; }

cpu=0 binary="" binary_xz="" python=python3 extra=()
while (($#)); do
    case "$1" in
    --cpu) cpu=1 ;;
    --binary) [[ $# -ge 2 ]] || die "--binary needs a path"; binary="$2"; shift ;;
    --binary-xz) [[ $# -ge 2 ]] || die "--binary-xz needs a path"; binary_xz="$2"; shift ;;
    --python) [[ $# -ge 2 ]] || die "--python needs a path"; python="$2"; shift ;;
    --skip | --throughput-budget)
        [[ $# -ge 2 ]] || die "$1 needs a value"; extra+=("$1" "$2"); shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
    esac
    shift
done
command -v "$python" >/dev/null || die "$python not found"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -n "$binary_xz" ]]; then
    [[ -f "$binary_xz" ]] || die "$binary_xz: no such file"
    command -v xz >/dev/null || die "xz not found (or unpack the binary yourself and pass --binary)"
    xz -dc "$binary_xz" >"$work/arc-solver" || die "$binary_xz: cannot unpack"
    chmod +x "$work/arc-solver"
    binary="$work/arc-solver"
elif [[ -z "$binary" ]]; then
    if ((cpu)); then
        for b in target/release/arc-solver target/debug/arc-solver; do
            [[ -x "$b" ]] && { binary="$b"; break; }
        done
        if [[ -z "$binary" ]]; then
            say "no built binary: cargo build"
            cargo build --locked --bin arc-solver || die "cargo build failed"
            binary=target/debug/arc-solver
        fi
    else
        [[ -x dist/arc-solver-cuda ]] && binary=dist/arc-solver-cuda
        [[ -n "$binary" ]] || die "give --binary-xz FILE.xz or --binary PATH (the CUDA build)"
    fi
fi
[[ -x "$binary" ]] || die "$binary: not an executable"
"$binary" --version >/dev/null || die "$binary does not run here"

if ((!cpu)); then
    command -v nvidia-smi >/dev/null || die "no nvidia-smi: GPU mode needs an NVIDIA driver (or use --cpu)"
    # cuBLAS/cuRAND for the binary's dlopen: the Python environment's NVIDIA wheels, else a toolkit.
    # It asks for .so.13 first; cudarc falls back to .so.12 (torch built for CUDA 12), whose API
    # covers what candle calls.
    libdirs="$("$python" - <<'PY' 2>/dev/null || true
import glob, os, site, sys
roots = set(site.getsitepackages() + [site.getusersitepackages()] + [p for p in sys.path if p.endswith("-packages")])
dirs = set()
for root in roots:
    for lib in glob.glob(os.path.join(root, "nvidia", "**", "libcublas.so.1[23]*"), recursive=True) + \
               glob.glob(os.path.join(root, "nvidia", "**", "libcurand.so.10*"), recursive=True):
        dirs.add(os.path.dirname(lib))
print(":".join(sorted(dirs)))
PY
)"
    for d in /usr/local/cuda/lib64 /usr/local/cuda-1[23]*/lib64; do
        [[ -e "$d/libcublas.so.13" || -e "$d/libcublas.so.12" ]] && libdirs="${libdirs:+$libdirs:}$d"
    done
    if [[ -z "$libdirs" ]]; then
        say "warning: no libcublas.so.13 (or .12) found in the Python environment or /usr/local/cuda;" \
            "the binary will fail to open a GPU unless LD_LIBRARY_PATH has it" \
            "(pip install nvidia-cublas==13.1.0.3 nvidia-curand==10.4.0.35 where a network is at hand)"
    else
        export LD_LIBRARY_PATH="$libdirs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        say "CUDA libraries from $libdirs"
    fi
fi

mode=()
((cpu)) && mode=(--cpu)
exec "$python" scripts/gpu_check.py --binary "$binary" "${mode[@]}" "${extra[@]}"
