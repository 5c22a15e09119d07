#!/usr/bin/env bash
# Installs what the optional end-to-end tests of `export` and `report` need:
#   - headless Chromium (Debian package `chromium`), for tests/report_browser.rs;
#   - a Python venv at $TEST_VENV (default /work/venv-test) with `datasets` and `pyarrow` pinned in
#     scripts/requirements-test.txt, for tests/export_load.rs (the tests read the same variable).
# Both tests are #[ignore]d; run them with `cargo test --test report_browser --test export_load --
# --include-ignored` after this script. Re-running it is cheap: what is there is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${TEST_VENV:-/work/venv-test}
python=${PYTHON:-python3}

if ! command -v chromium >/dev/null 2>&1; then
    echo "=== apt-get install chromium"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi
chromium --version

stamp="$venv/.requirements-test.txt"
if [ ! -x "$venv/bin/python" ] || ! cmp -s scripts/requirements-test.txt "$stamp"; then
    echo "=== venv $venv (scripts/requirements-test.txt)"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r scripts/requirements-test.txt
    cp scripts/requirements-test.txt "$stamp"
fi
"$venv/bin/python" -c 'import datasets, pyarrow; print("datasets", datasets.__version__, "pyarrow", pyarrow.__version__)'
