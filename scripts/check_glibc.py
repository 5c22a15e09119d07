#!/usr/bin/env python3
"""Check that an ELF binary runs on an older glibc, and list what it loads at start-up.

    scripts/check_glibc.py BINARY [--max 2.31] [--forbid-needed REGEX ...]
    scripts/check_glibc.py --self-test

Reads the ELF file itself (standard library only; no readelf/objdump needed):
  - DT_NEEDED / DT_RUNPATH from the dynamic segment,
  - the version requirements (.gnu.version_r) per library, e.g. libc.so.6: GLIBC_2.2.5 .. GLIBC_2.29,
  - for versions above --max, the dynamic symbols that ask for them (.dynsym + .gnu.version).

Exit status: 0 if the highest GLIBC_x.y needed is <= --max and no NEEDED entry matches a
--forbid-needed pattern; 1 if not (or GLIBC_PRIVATE is needed); 2 on a usage or ELF error.
"""

import argparse
import re
import shutil
import struct
import subprocess
import sys

PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_NEEDED, DT_STRTAB, DT_STRSZ, DT_RPATH, DT_RUNPATH = 0, 1, 5, 10, 15, 29
DT_VERNEED, DT_VERNEEDNUM = 0x6FFFFFFE, 0x6FFFFFFF
SHT_DYNSYM, SHT_GNU_VERSYM = 11, 0x6FFFFFFF


class ElfError(Exception):
    pass


def cstr(data, off):
    end = data.find(b"\0", off)
    if end < 0:
        raise ElfError(f"unterminated string at {off:#x}")
    return data[off:end].decode("utf-8", "replace")


def parse_elf(path):
    """Returns dict(needed, runpath, verneed={lib: {version: index}}, symbols={index: [names]})."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        raise ElfError(f"{path}: not an ELF file")
    cls, enc = data[4], data[5]
    if cls not in (1, 2) or enc not in (1, 2):
        raise ElfError(f"{path}: unknown ELF class/encoding {cls}/{enc}")
    is64 = cls == 2
    e = "<" if enc == 1 else ">"
    if is64:
        (phoff, shoff) = struct.unpack_from(e + "QQ", data, 0x20)
        (phentsize, phnum, shentsize, shnum) = struct.unpack_from(e + "HHHH", data, 0x36)
    else:
        (phoff, shoff) = struct.unpack_from(e + "II", data, 0x1C)
        (phentsize, phnum, shentsize, shnum) = struct.unpack_from(e + "HHHH", data, 0x2A)

    loads, dyn = [], None
    for i in range(phnum):
        o = phoff + i * phentsize
        if is64:
            p_type, _flags, p_offset, p_vaddr, _pa, p_filesz = struct.unpack_from(e + "IIQQQQ", data, o)
        else:
            p_type, p_offset, p_vaddr, _pa, p_filesz = struct.unpack_from(e + "IIIII", data, o)
        if p_type == PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == PT_DYNAMIC:
            dyn = (p_offset, p_filesz)

    def v2o(addr):
        for vaddr, off, size in loads:
            if vaddr <= addr < vaddr + size:
                return addr - vaddr + off
        raise ElfError(f"{path}: address {addr:#x} is in no PT_LOAD segment")

    out = {"needed": [], "runpath": [], "verneed": {}, "symbols": {}, "static": dyn is None}
    if dyn is None:
        return out
    entries = []
    dsize = 16 if is64 else 8
    dfmt = e + ("qQ" if is64 else "iI")
    for o in range(dyn[0], dyn[0] + dyn[1], dsize):
        tag, val = struct.unpack_from(dfmt, data, o)
        if tag == DT_NULL:
            break
        entries.append((tag, val))
    tags = {}
    for tag, val in entries:
        tags.setdefault(tag, val)
    if DT_STRTAB not in tags:
        raise ElfError(f"{path}: dynamic segment has no DT_STRTAB")
    strtab = v2o(tags[DT_STRTAB])
    for tag, val in entries:
        if tag == DT_NEEDED:
            out["needed"].append(cstr(data, strtab + val))
        elif tag in (DT_RPATH, DT_RUNPATH):
            out["runpath"].append(cstr(data, strtab + val))

    if DT_VERNEED in tags:
        o = v2o(tags[DT_VERNEED])
        for _ in range(tags.get(DT_VERNEEDNUM, 1 << 30)):
            _ver, cnt, file_, aux, nxt = struct.unpack_from(e + "HHIII", data, o)
            lib = out["verneed"].setdefault(cstr(data, strtab + file_), {})
            a = o + aux
            for _ in range(cnt):
                _hash, _flags, other, name, anext = struct.unpack_from(e + "IHHII", data, a)
                lib[cstr(data, strtab + name)] = other & 0x7FFF
                if anext == 0:
                    break
                a += anext
            if nxt == 0:
                break
            o += nxt

    # Which dynamic symbols want which version index (needs section headers; optional).
    if shoff and shnum:
        secs = []
        for i in range(shnum):
            o = shoff + i * shentsize
            if is64:
                _n, sh_type, _fl, _addr, sh_offset, sh_size, sh_link, _info, _al, sh_entsize = struct.unpack_from(
                    e + "IIQQQQIIQQ", data, o)
            else:
                _n, sh_type, _fl, _addr, sh_offset, sh_size, sh_link, _info, _al, sh_entsize = struct.unpack_from(
                    e + "IIIIIIIIII", data, o)
            secs.append((sh_type, sh_offset, sh_size, sh_link, sh_entsize))
        dynsym = next((s for s in secs if s[0] == SHT_DYNSYM), None)
        versym = next((s for s in secs if s[0] == SHT_GNU_VERSYM), None)
        if dynsym and versym and dynsym[3] < len(secs):
            symstr = secs[dynsym[3]][1]
            entsize = dynsym[4] or (24 if is64 else 16)
            for i in range(dynsym[2] // entsize):
                st_name = struct.unpack_from(e + "I", data, dynsym[1] + i * entsize)[0]
                idx = struct.unpack_from(e + "H", data, versym[1] + 2 * i)[0] & 0x7FFF
                if idx > 1 and st_name:
                    out["symbols"].setdefault(idx, []).append(cstr(data, symstr + st_name))
    return out


def vtuple(s):
    return tuple(int(x) for x in s.split("."))


def glibc_versions(info):
    """[(tuple, 'GLIBC_x.y', lib, index)] for every GLIBC_ version requirement, plus GLIBC_PRIVATE uses."""
    found, private = [], []
    for lib, vers in info["verneed"].items():
        for name, idx in vers.items():
            m = re.fullmatch(r"GLIBC_(\d+(?:\.\d+)*)", name)
            if m:
                found.append((vtuple(m.group(1)), name, lib, idx))
            elif name == "GLIBC_PRIVATE":
                private.append((lib, idx))
    return sorted(found), private


def check(path, max_version, forbid, quiet=False):
    """Prints a report; returns (ok, highest 'GLIBC_x.y' or None)."""
    info = parse_elf(path)
    say = (lambda *a: None) if quiet else print
    ok = True
    if info["static"]:
        say(f"{path}: statically linked (no dynamic segment): no glibc version requirement")
        return True, None
    say(f"NEEDED:  {', '.join(info['needed']) or '(none)'}")
    if info["runpath"]:
        say(f"RUNPATH: {':'.join(info['runpath'])}")
    for lib, vers in sorted(info["verneed"].items()):
        names = sorted(vers, key=lambda n: [int(x) if x.isdigit() else x for x in re.split(r"[_.]", n)])
        say(f"  {lib}: {' '.join(names)}")
    for pat in forbid:
        bad = [n for n in info["needed"] if re.search(pat, n)]
        if bad:
            say(f"FAIL: NEEDED {', '.join(bad)} matches forbidden pattern {pat!r}")
            ok = False
    found, private = glibc_versions(info)
    highest = found[-1][1] if found else None
    if private:
        say(f"FAIL: needs GLIBC_PRIVATE (from {', '.join(l for l, _ in private)}): not portable")
        ok = False
    limit = vtuple(max_version)
    too_new = [f for f in found if f[0] > limit]
    if too_new:
        ok = False
        say(f"FAIL: max GLIBC version needed is {highest}, above GLIBC_{max_version}:")
        for _t, name, lib, idx in too_new:
            syms = sorted(info["symbols"].get(idx, []))
            say(f"  {name} ({lib}): {', '.join(syms[:12]) or '?'}{' ...' if len(syms) > 12 else ''}")
    else:
        say(f"max GLIBC version needed: {highest or '(none)'} (limit GLIBC_{max_version}): ok")
    return ok, highest


def objdump_max(path):
    """Highest GLIBC_x.y according to binutils, or None if no objdump/readelf is installed."""
    for tool, args in (("objdump", ["-T"]), ("readelf", ["-W", "-V"])):
        exe = shutil.which(tool)
        if exe:
            text = subprocess.run([exe, *args, path], capture_output=True, text=True).stdout
            vers = {vtuple(v) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", text)}
            return tool, ("GLIBC_" + ".".join(map(str, max(vers)))) if vers else None
    return None, None


def self_test():
    """Proves the check can both pass and fail, on binaries of this machine."""
    candidates = [sys.executable, shutil.which("ls"), shutil.which("sh"), "/bin/ls"]
    path = next((c for c in candidates if c and parse_elf_ok(c)), None)
    if path is None:
        print("self-test: no dynamically linked ELF binary found", file=sys.stderr)
        return 2
    ok, highest = check(path, "999.0", [], quiet=True)
    assert ok and highest, f"{path}: expected a GLIBC_ requirement, got {highest}"
    ver = highest.split("_", 1)[1]
    print(f"self-test: {path} needs {highest}")
    tool, ref = objdump_max(path)
    if tool:
        assert ref == highest, f"{tool} says {ref}, this script says {highest}"
        print(f"self-test: {tool} agrees: {ref}")
    assert check(path, ver, [], quiet=True)[0], f"--max {ver} should pass"
    below = vtuple(ver)[:-1] + (vtuple(ver)[-1] - 1,)
    below = ".".join(map(str, below))
    assert not check(path, below, [], quiet=True)[0], f"--max {below} should fail"
    assert not check(path, "2.0", [], quiet=True)[0], "--max 2.0 should fail"
    assert not check(path, "999.0", [r"^libc\.so"], quiet=True)[0], "--forbid-needed libc should fail"
    print(f"self-test: --max {ver} passes, --max {below} fails, --forbid-needed fails: ok")
    host = check(path, "2.31", [], quiet=True)[0]
    print(f"self-test: {path} {'passes' if host else 'FAILS'} --max 2.31 (host binary, for reference)")
    return 0


def parse_elf_ok(path):
    try:
        return not parse_elf(path)["static"]
    except (OSError, ElfError):
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary", nargs="*", help="ELF file(s) to check")
    ap.add_argument("--max", default="2.31", help="highest GLIBC version allowed (default 2.31)")
    ap.add_argument("--forbid-needed", action="append", default=[], metavar="REGEX",
                    help="fail if a NEEDED entry matches (repeatable), e.g. '^libcuda'")
    ap.add_argument("--self-test", action="store_true", help="show that the check passes and fails as it should")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not args.binary:
        ap.error("give a BINARY or --self-test")
    status = 0
    for path in args.binary:
        if len(args.binary) > 1:
            print(f"== {path}")
        try:
            ok, _ = check(path, args.max, args.forbid_needed)
        except (OSError, ElfError, struct.error) as err:
            print(f"error: {path}: {err}", file=sys.stderr)
            return 2
        if not ok:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
