#!/usr/bin/env python3
"""Gathers tests/corpus/programs/*.py into tests/corpus/programs.jsonl and checks numpy coverage.

Each program file starts with `# task: <task_id>`. The JSONL has one line per file, sorted by file
name: {"id": "<file stem>", "task_id": ..., "code": <whole file text>}.

Coverage: every numpy/scipy feature the embedded executor must support has to be used by at least
MIN_USES programs. Uses are counted with simple regexes (e.g. `np.unique(` with `return_counts`,
`.reshape(`), so the table is a heuristic, not a proof. Exits non-zero if a feature falls short, if a
program names a task missing from the challenges, or a file has no task line.

Usage: python3 scripts/make_corpus.py [--no-check]
"""

import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "corpus")
MIN_USES = 3


def call_args(code, name):
    """Argument texts of every call `name(...)` in code (balanced parentheses)."""
    out = []
    for m in re.finditer(re.escape(name) + r"\(", code):
        depth, i = 1, m.end()
        while i < len(code) and depth:
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(code[i], 0)
            i += 1
        out.append(code[m.end():i - 1])
    return out


def top_level_args(text):
    """Splits an argument text on top-level commas."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return [p.strip() for p in parts]


def re_feature(pattern, numpy_only=False):
    rx = re.compile(pattern)
    return lambda code, is_np: (is_np or not numpy_only) and bool(rx.search(code))


def call_feature(name, pred=lambda args: True):
    return lambda code, is_np: any(pred(top_level_args(a)) for a in call_args(code, name))


def np_func(name):
    return call_feature("np." + name)


def method(name, axis=False):
    rx = re.compile(r"(?<!np)(?<!ndi)\." + name + r"\(" + (r"[^()]*axis" if axis else ""))
    return lambda code, is_np: is_np and bool(rx.search(code))


def kw(key):
    return lambda args: any(a.replace(" ", "").startswith(key) for a in args)


FEATURES = {}
for f in ["array", "asarray", "zeros", "ones", "full", "empty", "zeros_like", "ones_like", "full_like",
          "arange", "eye", "identity", "indices", "argwhere", "nonzero", "count_nonzero", "sum", "any", "all",
          "min", "max", "array_equal", "isin", "flip", "fliplr", "flipud", "transpose", "tile", "repeat",
          "kron", "concatenate", "hstack", "vstack", "stack", "column_stack", "roll", "sort", "argsort",
          "bincount", "clip", "abs", "sign", "maximum", "minimum", "logical_and", "logical_or", "logical_not",
          "logical_xor", "diag", "diagonal", "ndenumerate", "meshgrid", "dot", "allclose", "argmax", "argmin",
          "mean", "cumsum"]:
    FEATURES["np." + f] = np_func(f)
FEATURES["np.where (1 arg)"] = call_feature("np.where", lambda a: len(a) == 1)
FEATURES["np.where (3 args)"] = call_feature("np.where", lambda a: len(a) == 3)
FEATURES["np.unique return_counts"] = call_feature("np.unique", kw("return_counts=True"))
FEATURES["np.unique return_index"] = call_feature("np.unique", kw("return_index=True"))
FEATURES["np.unique return_inverse"] = call_feature("np.unique", kw("return_inverse=True"))
FEATURES["np.unique axis=0"] = call_feature("np.unique", kw("axis=0"))
FEATURES["np.rot90 k"] = call_feature("np.rot90", lambda a: len(a) >= 2 or kw("k=")(a))
FEATURES["np.rot90 axes"] = call_feature("np.rot90", kw("axes="))
FEATURES["np.pad constant"] = call_feature(
    "np.pad", lambda a: not any("edge" in x for x in a) and not any(x.startswith("mode=") and "constant" not in x for x in a))
FEATURES["np.pad edge"] = call_feature("np.pad", lambda a: any("edge" in x for x in a))
FEATURES["np.newaxis"] = re_feature(r"np\.newaxis")
for attr in ["shape", "ndim", "size", "dtype"]:
    FEATURES["." + attr] = re_feature(r"\w\." + attr + r"\b", numpy_only=True)
FEATURES[".T"] = re_feature(r"\w\.T\b", numpy_only=True)
for m in ["copy", "tolist", "astype", "flatten", "ravel", "reshape", "transpose", "fill", "item", "nonzero"]:
    FEATURES["." + m + "()"] = method(m)
for m in ["sum", "min", "max", "mean", "any", "all", "argmax", "argmin"]:
    FEATURES["." + m + "(axis=)"] = method(m, axis=True)
FEATURES["index negative int"] = re_feature(r"\w\[[^\[\]]*-\d+\s*[\],]", numpy_only=True)
FEATURES["index slice step"] = re_feature(r"\w\[[^\[\]]*::", numpy_only=True)
FEATURES["index tuple"] = re_feature(r"\w\[[^\[\]()]*,[^\[\]()]*\]", numpy_only=True)
FEATURES["index None/newaxis"] = re_feature(r"\w\[[^\[\]]*(None|np\.newaxis)[^\[\]]*\]", numpy_only=True)
FEATURES["index bool mask"] = re_feature(r"\w\[\s*(~?\w*mask\w*|[^\[\]]*(==|!=|>=|<=)[^\[\]]*)\s*\]", numpy_only=True)
FEATURES["index int array"] = re_feature(r"\w\[\s*(\w*idx\w*|order|perm|rows_sel|cols_sel)\s*[\],]", numpy_only=True)
FEATURES["view assignment"] = re_feature(r"\b(view|sub|block|window|patch)\w*\[[^\]]*\]\s*[-+*|&]?=", numpy_only=True)
for name, op in [("+", r"\S \+ \S"), ("-", r"\S - \S"), ("*", r"\S \* \S"), ("//", r" // "), ("%", r" % "),
                 ("**", r" \*\* "), ("/", r"\S / \S"), ("&", r" & "), ("|", r" \| "), ("^", r" \^ "), ("~", r"~\w"),
                 ("unary -", r"[(=,\[] ?-[a-zA-Z_(]"), ("==", r" == "), ("!=", r" != "), ("<", r" < "),
                 ("<=", r" <= "), (">", r" > "), (">=", r" >= "), ("in-place op", r" (\+|-|\*|//|%|&|\||\^)= ")]:
    FEATURES["op " + name] = re_feature(op, numpy_only=True)
FEATURES["int(np value)"] = re_feature(r"\bint\(\w*\.?(item|sum|max|min|argmax|count_nonzero)", numpy_only=True)
FEATURES["range(np value)"] = re_feature(r"range\([^()]*\.shape", numpy_only=True)
FEATURES["np scalar dict key"] = re_feature(r"\w\[\w*\[[^\[\]]+\]\]\s*(\+=|=)|\.get\(\w+\[", numpy_only=True)
FEATURES["iterate array"] = re_feature(r"for \w+(, \w+)? in (\w+\.T|arr|grid|a|g|row|rows|np\.\w+\(.*\)):", numpy_only=True)
FEATURES["len()"] = re_feature(r"\blen\(", numpy_only=True)
FEATURES["x in array"] = re_feature(r"\bif \w+ (not )?in (arr|a|g|grid|row|col|\w+\.ravel\(\)|\w+\.flatten\(\))\b", numpy_only=True)
for dt in ["uint8", "int32", "bool_", "int64", "float64"]:
    FEATURES["dtype " + dt] = re_feature(r"np\." + dt + r"\b")
FEATURES["ndimage.label"] = re_feature(r"\blabel\((?![^()]*structure)[^()]*\)")
FEATURES["ndimage.label structure"] = re_feature(r"\blabel\([^()]*structure")
for f in ["find_objects", "binary_fill_holes", "binary_dilation", "binary_erosion"]:
    FEATURES["ndimage." + f] = re_feature(r"\b" + f + r"\(")


def gather(programs_dir):
    entries = []
    problems = []
    for name in sorted(os.listdir(programs_dir)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(programs_dir, name)) as f:
            code = f.read()
        m = re.match(r"# task: (\S+)\n", code)
        if not m:
            problems.append(f"{name}: first line is not '# task: <task_id>'")
            continue
        entries.append({"id": name[:-3], "task_id": m.group(1), "code": code})
    return entries, problems


def coverage(entries):
    table = {}
    for feature, test in FEATURES.items():
        users = []
        for e in entries:
            is_np = bool(re.search(r"^\s*(import numpy|from numpy)", e["code"], re.M))
            if test(e["code"], is_np):
                users.append(e["id"])
        table[feature] = users
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--programs-dir", default=os.path.join(CORPUS, "programs"))
    ap.add_argument("--challenges", default=os.path.join(CORPUS, "challenges.json"))
    ap.add_argument("--out", default=os.path.join(CORPUS, "programs.jsonl"))
    ap.add_argument("--no-check", action="store_true", help="write the JSONL even if coverage falls short")
    ap.add_argument("--verbose", action="store_true", help="list the programs using each feature")
    args = ap.parse_args()

    entries, problems = gather(args.programs_dir)
    with open(args.challenges) as f:
        task_ids = set(json.load(f))
    for e in entries:
        if e["task_id"] not in task_ids:
            problems.append(f"{e['id']}: unknown task {e['task_id']}")

    with open(args.out, "w") as f:
        for e in entries:
            f.write(json.dumps(e, separators=(",", ":")) + "\n")

    n_np = sum(1 for e in entries if re.search(r"^\s*(import numpy|from numpy)", e["code"], re.M))
    n_sp = sum(1 for e in entries if "scipy" in e["code"])
    table = coverage(entries)
    width = max(len(k) for k in table)
    print(f"{'feature':<{width}}  programs")
    short = []
    for feature, users in table.items():
        flag = "" if len(users) >= MIN_USES else "   <-- fewer than %d" % MIN_USES
        extra = ("  " + " ".join(users[:6])) if args.verbose else ""
        print(f"{feature:<{width}}  {len(users):>4}{flag}{extra}")
        if len(users) < MIN_USES:
            short.append(feature)
    print(f"\nwrote {args.out}: {len(entries)} programs, {n_np} import numpy ({100.0 * n_np / max(1, len(entries)):.0f}%), "
          f"{n_sp} use scipy")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if short:
        print("coverage short for: " + ", ".join(short), file=sys.stderr)
    if problems or (short and not args.no_check):
        sys.exit(1)


if __name__ == "__main__":
    main()
