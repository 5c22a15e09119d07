#!/usr/bin/env bash
# Portable x86_64 Linux release binaries of arc-solver that run on glibc >= 2.31 (Kaggle's image),
# built with cargo-zigbuild (zig cc links against glibc 2.31 symbol versions) from any newer host.
#
#   scripts/build-release.sh --install --cpu-only    # what CI runs: dist/arc-solver-cpu
#   scripts/build-release.sh                          # + dist/arc-solver-cuda (PTX sm_80) and
#                                                     #   dist/arc-solver-cuda-sm75 (PTX sm_75, for T4),
#                                                     #   each also as .xz (what scripts/gpu-check.sh takes)
#
# Options:
#   --install          create/refresh the tool venv ($RELEASE_VENV) and, for CUDA builds, the CUDA
#                      venv (scripts/cuda-env.sh --install). The tool venv is also set up when missing
#                      or when scripts/requirements-release.txt changed.
#   --cpu-only         build only dist/arc-solver-cpu
#   --cuda-only        build only the CUDA binaries
#   --cuda-caps "80 75"  compute capabilities to build PTX for, one binary each (default "80 75"):
#                      80 -> dist/arc-solver-cuda, NN -> dist/arc-solver-cuda-smNN
#   --target-dir DIR   cargo target root (default target-release); each variant gets DIR/<variant>
#   --profile NAME     cargo profile (default release)
#   --max-glibc X.Y    fail if a binary needs a GLIBC_ version above this (default 2.31)
#   -- ARGS...         passed on to cargo
#
# Environment: RELEASE_VENV (default /work/venv-release, or ~/.cache/arc-solver/venv-release when
# /work is not writable), CUDA_VENV (see scripts/cuda-env.sh), RELEASE_NICE (nice level, default 19).
# See scripts/README.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

triple=x86_64-unknown-linux-gnu
max_glibc=2.31
install=0 want_cpu=1 want_cuda=1
cuda_caps="80 75"
target_root=target-release
profile=release
cargo_extra=()

die() { echo "build-release: error: $*" >&2; exit 1; }
say() { echo "build-release: $*" >&2; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

while (($#)); do
    case "$1" in
    --install) install=1 ;;
    --cpu-only) want_cuda=0 ;;
    --cuda-only) want_cpu=0 ;;
    --cuda-caps) [[ $# -ge 2 ]] || die "--cuda-caps needs a value"; cuda_caps="$2"; shift ;;
    --cuda-caps=*) cuda_caps="${1#*=}" ;;
    --target-dir) [[ $# -ge 2 ]] || die "--target-dir needs a value"; target_root="$2"; shift ;;
    --target-dir=*) target_root="${1#*=}" ;;
    --profile) [[ $# -ge 2 ]] || die "--profile needs a value"; profile="$2"; shift ;;
    --profile=*) profile="${1#*=}" ;;
    --max-glibc) [[ $# -ge 2 ]] || die "--max-glibc needs a value"; max_glibc="$2"; shift ;;
    --max-glibc=*) max_glibc="${1#*=}" ;;
    -h | --help) usage; exit 0 ;;
    --) shift; cargo_extra=("$@"); break ;;
    *) die "unknown option: $1 (see --help)" ;;
    esac
    shift
done
((want_cpu || want_cuda)) || die "--cpu-only and --cuda-only exclude each other"
for cap in $cuda_caps; do
    [[ "$cap" =~ ^[0-9]+$ ]] || die "--cuda-caps: '$cap' is not a plain compute capability like 75 or 80"
done
[[ "$target_root" = /* ]] || target_root="$repo/$target_root"
case "$profile" in
dev) profile_dir=debug ;;
*) profile_dir="$profile" ;;
esac
nice_level="${RELEASE_NICE:-19}"

# ---------------------------------------------------------------------------------------------
# Tools: python3 venv with cargo-zigbuild + ziglang (pinned in scripts/requirements-release.txt).
if [[ -z "${RELEASE_VENV:-}" ]]; then
    if [[ -d /work && -w /work ]]; then RELEASE_VENV=/work/venv-release; else RELEASE_VENV="$HOME/.cache/arc-solver/venv-release"; fi
fi
venv="$RELEASE_VENV"
reqs="$repo/scripts/requirements-release.txt"
stamp="$venv/.requirements-release.sha256"

setup_venv() {
    command -v python3 >/dev/null ||
        die "python3 not found: install Python 3.8+ with venv and pip (Debian/Ubuntu: apt-get install python3 python3-venv)"
    if [[ ! -x "$venv/bin/python" ]]; then
        say "creating venv $venv"
        mkdir -p "$(dirname "$venv")"
        python3 -m venv "$venv" ||
            die "python3 -m venv $venv failed (Debian/Ubuntu: apt-get install python3-venv); or set RELEASE_VENV"
    fi
    "$venv/bin/python" -m pip --version >/dev/null 2>&1 ||
        die "no pip in $venv (Debian/Ubuntu: apt-get install python3-pip python3-venv, then rm -rf $venv)"
    say "pip install -r scripts/requirements-release.txt into $venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$reqs" ||
        die "pip install failed (needs network access to PyPI)"
    sha256sum "$reqs" | cut -d' ' -f1 >"$stamp"
}

want_sum="$(sha256sum "$reqs" | cut -d' ' -f1)"
if ((install)) || [[ ! -x "$venv/bin/cargo-zigbuild" ]] || [[ "$(cat "$stamp" 2>/dev/null)" != "$want_sum" ]]; then
    setup_venv
fi
zig="$("$venv/bin/python" -c 'import os, ziglang; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))' 2>/dev/null || true)"
[[ -x "$zig" ]] || die "no zig in $venv (ziglang wheel); run with --install"
export PATH="$venv/bin:$PATH"
# Use the pinned zig even if another one is on PATH.
export CARGO_ZIGBUILD_ZIG_PATH="$zig"

command -v cargo >/dev/null || die "cargo not found: install Rust (rustup) first"
sysroot="$(rustc --print sysroot)"
if [[ ! -d "$sysroot/lib/rustlib/$triple" ]]; then
    if ((install)) && command -v rustup >/dev/null; then
        rustup target add "$triple"
    else
        die "Rust target $triple is not installed: rustup target add $triple (or pass --install)"
    fi
fi
say "cargo-zigbuild $(cargo-zigbuild --version | awk '{print $2}'), zig $("$zig" version), $(rustc --version)"

# ---------------------------------------------------------------------------------------------
mkdir -p dist
summary=()

# build_variant NAME OUTFILE [cargo args...]: builds into $target_root/NAME, copies to dist/OUTFILE,
# smoke-tests it and checks glibc versions and NEEDED libraries.
build_variant() {
    local name="$1" out="$2"
    shift 2
    local tdir="$target_root/$name"
    local cmd=(cargo zigbuild --locked --profile "$profile" --target "$triple.$max_glibc"
        --target-dir "$tdir" --bin arc-solver "$@" "${cargo_extra[@]}")
    say "[$name] ${cmd[*]}"
    local t0=$SECONDS
    local rc=0
    nice -n "$nice_level" "${cmd[@]}" || rc=$?
    ((rc == 0)) || die "[$name] cargo zigbuild failed (exit $rc): see the errors above (builds are --locked: a stale Cargo.lock fails here)"
    local secs=$((SECONDS - t0))
    local built="$tdir/$triple/$profile_dir/arc-solver"
    [[ -x "$built" ]] || die "[$name] no binary at $built"
    cp -f "$built" "dist/$out.tmp" && mv -f "dist/$out.tmp" "dist/$out"

    local bytes mib
    bytes=$(stat -c %s "dist/$out")
    mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
    echo
    echo "== dist/$out ($mib MiB, built in $((secs / 60))m$((secs % 60))s)"
    "dist/$out" --version || die "[$name] dist/$out --version failed"
    # The binaries must start with no CUDA library present: they dlopen it when a GPU is opened.
    local report
    if ! report="$(python3 scripts/check_glibc.py "dist/$out" --max "$max_glibc" \
        --forbid-needed '^libcuda\.so' --forbid-needed '^libcudart' --forbid-needed '^libcublas' \
        --forbid-needed '^libcurand' --forbid-needed '^libnvrtc' --forbid-needed '^libmoe')"; then
        echo "$report"
        die "[$name] dist/$out fails the portability check (glibc <= $max_glibc, no CUDA library NEEDED)"
    fi
    echo "$report"
    local glibc needed
    glibc=$(sed -n 's/^max GLIBC version needed: \([^ ]*\).*/\1/p' <<<"$report")
    needed=$(sed -n 's/^NEEDED: *//p' <<<"$report")
    summary+=("dist/$out  ${mib} MiB  ${glibc}  NEEDED: ${needed}  (${secs}s)")
}

if ((want_cpu)); then
    build_variant cpu arc-solver-cpu
fi

if ((want_cuda)); then
    for cap in $cuda_caps; do
        out=arc-solver-cuda
        [[ "$cap" == 80 ]] || out="arc-solver-cuda-sm$cap"
        # A subshell per capability: cuda-env.sh exports CUDA_*, NVCC, PATH, RUSTFLAGS, RUSTC_WRAPPER.
        # Each capability has its own target dir: CUDA_COMPUTE_CAP only reruns candle-kernels' build
        # script, so a shared dir would rebuild the kernels (~15 min) on every switch.
        (
            export CUDA_COMPUTE_CAP="$cap"
            cuda_args=()
            ((install)) && cuda_args=(--install)
            # shellcheck source=scripts/cuda-env.sh
            source scripts/cuda-env.sh "${cuda_args[@]}" ||
                die "CUDA toolchain not set up: run with --install (or: source scripts/cuda-env.sh --install)"
            # zig's linker is stricter than GNU ld: rustc passes candle-kernels' `-lmoe` and
            # `-lcudart` after -Bdynamic, and zig then looks for .so files only (no .a fallback),
            # and it cannot resolve the `-ldl -lrt -lpthread` inside cuda-env.sh's libcudart.so
            # linker script. These linker scripts, searched before cuda-env.sh's shims, point at
            # the static archives instead (libmoe.a is found in candle-kernels' OUT_DIR on the
            # search path). Nothing of either is linked in today (the check below would show it).
            zig_shim="$target_root/zig-link"
            mkdir -p "$zig_shim"
            echo "INPUT($CUDA_HOME/lib/libcudart_static.a)" >"$zig_shim/libcudart.so"
            echo "INPUT(libmoe.a)" >"$zig_shim/libmoe.so"
            export RUSTFLAGS="-Lnative=$zig_shim${RUSTFLAGS:+ $RUSTFLAGS}"
            build_variant "cuda-sm$cap" "$out" --features cuda
            # Binaries are stripped (Cargo.toml's release profile); xz takes the CUDA one from
            # ~50 MB to ~13 MB, small enough to travel with the repository to a GPU machine.
            if command -v xz >/dev/null; then
                xz -9 -T0 -k -f "dist/$out"
                summary[${#summary[@]} - 1]+="  (xz: $(awk -v b="$(stat -c %s "dist/$out.xz")" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
            fi
            printf '%s\n' "${summary[@]: -1}" >"$target_root/.summary-cuda-sm$cap"
        )
        summary+=("$(cat "$target_root/.summary-cuda-sm$cap")")
    done
fi

echo
echo "== release binaries (x86_64 Linux, glibc <= $max_glibc):"
printf '  %s\n' "${summary[@]}"
(cd dist && sha256sum arc-solver-* | grep -v '\.tmp$' >SHA256SUMS) || true
