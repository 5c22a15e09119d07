#!/usr/bin/env python3
"""The local engine's acceptance check; run it through scripts/gpu-check.sh (see there).

GPU mode (needs torch + transformers, a GPU, the CUDA binary; no Rust, no network):
  versions   nvidia-smi's driver and CUDA, the binary's view (driver CUDA, CUDA it was built with,
             PTX ISA of its kernels), and the binary refusing a driver older than its CUDA
  parity     every fixture model in f32, bf16 and f16: the engine's logits and greedy tokens
             against transformers on the same GPU and dtype; shared-prefix batches against single
             runs; the device kernels (sampling, log-probabilities, attention) against their CPU
             references
  throughput `bench gen` for the qwen2.5-0.5b, qwen3-4b and qwen2.5-7b shapes (random weights),
             batches 1/16/64/256, a 4k-token prompt, against transformers' generate
  solve      `solve --devices all` end to end on a fixture (every GPU)
CPU mode (--cpu; Python's standard library only, what CI runs):
  parity against the committed references (tests/fixtures/reference, written by transformers),
  `bench gen` on the tiny shape with the prefill timeline, and `solve --devices cpu`.

Prints one table; exits 1 when a check fails.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"

# (reference, model dir, adapter dir)
FIXTURES = [
    ("tiny-qwen2", "tiny-qwen2", None),
    ("tiny-qwen3", "tiny-qwen3", None),
    ("tiny-qwen2-untied", "tiny-qwen2-untied", None),
    ("tiny-qwen2+tiny-qwen2-lora", "tiny-qwen2", "tiny-qwen2-lora"),
    ("tiny-qwen2-untied+tiny-qwen2-untied-lora-rslora", "tiny-qwen2-untied", "tiny-qwen2-untied-lora-rslora"),
]
# Largest |logit difference| against transformers in the same dtype (logits have std 2-3).
TOLERANCE = {"f32": 2e-3, "bf16": 0.25, "f16": 0.06}
SHAPES = ["qwen2.5-0.5b", "qwen3-4b", "qwen2.5-7b"]
BATCHES = [1, 16, 64, 256]

rows = []  # (section, what, result, ok)


def record(section, what, result, ok=True):
    rows.append((section, what, result, ok))
    mark = "ok" if ok is True else ("FAIL" if ok is False else ok)
    print(f"[{section}] {what}: {result} [{mark}]", flush=True)


def run(binary, args, timeout=600, env=None):
    started = time.time()
    p = subprocess.run([str(binary)] + args, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr, time.time() - started


def parity_json(binary, ref, model, adapter, device, dtype):
    args = ["bench", "parity", "--model", str(FIX / model), "--device", device, "--dtype", dtype,
            "--reference", str(FIX / "reference" / f"{ref}.json")]
    if adapter:
        args += ["--lora", str(FIX / adapter)]
    code, out, err, _ = run(binary, args)
    if code != 0:
        raise RuntimeError(f"bench parity failed: {err.strip()[-500:]}")
    return json.loads(out)


def max_diff(a_rows, b_rows):
    return max(abs(x - y) for a, b in zip(a_rows, b_rows) for x, y in zip(a, b))


def prefix_equal(got, want, gaps=None, tol=0.0):
    """Tokens equal up to the first position whose top-2 gap is within 2*tol (there either token
    is a fair answer, and what follows depends on it); returns (equal, compared)."""
    compared = 0
    for i, (g, w) in enumerate(zip(got, want)):
        if gaps is not None and gaps[i] <= 2 * tol:
            break
        compared += 1
        if g != w:
            return False, compared
    return True, compared


def check_batches(section, name, out, want_batches, exact):
    single = out["batch_single"]
    shared = out["batch_shared"]
    separate = out["batch_separate"]
    same = all(shared[2 * i] == s and shared[2 * i + 1] == s for i, s in enumerate(single))
    same = same and shared == separate
    matches_ref = want_batches is None or all(s == w for s, w in zip(single, want_batches))
    ok = (same and matches_ref) if exact else (True if same else "differs (16-bit)")
    record(section, f"{name}: shared-prefix batch = single runs", "equal" if same else "differ", ok)
    if want_batches is not None:
        record(section, f"{name}: batch prompts' greedy = reference", "equal" if matches_ref else "differ", matches_ref)


# ---------------------------------------------------------------------------------------------
# CPU mode: the engine against the committed references.


def cpu_parity(binary):
    for ref, model, adapter in FIXTURES:
        want = json.loads((FIX / "reference" / f"{ref}.json").read_text())
        try:
            out = parity_json(binary, ref, model, adapter, "cpu", "f32")
        except Exception as e:  # noqa: BLE001 - reported as a failed check
            record("parity", f"{ref} f32", str(e), False)
            continue
        d = max_diff(out["prompt_logits"], want["prompt_logits"]["logits"])
        record("parity", f"{ref} f32: prompt logits max |diff|", f"{d:.2e}", d < TOLERANCE["f32"])
        ok = out["prompt_argmax"] == want["prompt_logits"]["argmax"]
        record("parity", f"{ref} f32: argmax at 12 positions", "equal" if ok else "differ", ok)
        d = max_diff(out["incremental_logits"], want["incremental_logits"]["logits"])
        record("parity", f"{ref} f32: incremental logits max |diff|", f"{d:.2e}", d < TOLERANCE["f32"])
        ok = out["greedy"] == want["greedy"]
        record("parity", f"{ref} f32: greedy 12 tokens", "equal" if ok else "differ", ok)
        check_batches("parity", f"{ref} f32", out, [b["greedy"] for b in want["batch_prompts"]], True)


def cpu_bench(binary, out_dir):
    code, out, err, secs = run(binary, ["bench", "gen", "--config", "tiny", "--prompt-tokens", "64",
                                        "--batches", "1,4", "--decode-steps", "4", "--timeline", "2048",
                                        "--json", str(out_dir / "gen.json")])
    ok = code == 0 and "ops/layer" in out and "same tokens for every sample with both budgets: yes" in out
    record("throughput", "bench gen tiny (cpu), with the prefill timeline", f"{secs:.1f} s", ok)
    if code != 0:
        print(err[-2000:])
    else:
        print(out)


def solve(binary, devices, out_dir, limit, attempts):
    args = ["solve", "--model", str(FIX / "tiny-qwen2"), "--devices", devices, "--attempts", str(attempts),
            "--limit", str(limit), "--max-new-tokens", "16", "--json", "--in-process",
            "--out", str(out_dir / f"submission-{devices.replace(',', '_')}.json"),
            "--db", str(out_dir / "programs.db"), "--runs-dir", str(out_dir / "runs")]
    code, out, err, secs = run(binary, args, timeout=300)
    ok = code == 0
    detail = f"{secs:.1f} s"
    if ok:
        try:
            js = json.loads(out[out.index("{"): out.rindex("}") + 1])
            m = js["runs"][0]["metrics"]
            ok = m["attempts"] == limit * attempts and m["api_failure_rate"] == 0.0
            detail += f", {m['attempts']} attempts, {m['completion_tokens']} tokens"
        except Exception as e:  # noqa: BLE001
            ok, detail = False, f"unreadable output: {e}"
    else:
        detail += ": " + err.strip()[-300:]
    record("solve", f"solve --devices {devices} ({limit} tasks x {attempts})", detail, ok)


# ---------------------------------------------------------------------------------------------
# GPU mode.


def versions(binary, out_dir):
    try:
        smi = subprocess.run(["nvidia-smi", "--query-gpu=index,name,driver_version,memory.total",
                              "--format=csv,noheader"], capture_output=True, text=True, timeout=60).stdout
        for line in smi.strip().splitlines():
            record("versions", "nvidia-smi", line.strip())
        head = subprocess.run(["nvidia-smi"], capture_output=True, text=True, timeout=60).stdout
        m = re.search(r"CUDA Version:\s*([0-9.]+)", head)
        record("versions", "nvidia-smi CUDA version", m.group(1) if m else "?")
    except Exception as e:  # noqa: BLE001
        record("versions", "nvidia-smi", str(e), False)
    code, out, err, _ = run(binary, ["bench", "gen", "--config", "tiny", "--device", "0", "--prompt-tokens", "16",
                                     "--batches", "1", "--decode-steps", "2", "--no-independent"])
    if code != 0:
        record("versions", "binary opens GPU 0", err.strip()[-500:], False)
        return False
    for key in ["gpu", "driver CUDA", "built with CUDA", "kernels PTX ISA", "compute capability"]:
        m = re.search(rf"^{re.escape(key)}: (.*)$", out, re.M)
        record("versions", f"binary: {key}", m.group(1) if m else "?", m is not None)
    env = dict(os.environ, ARC_CUDA_DRIVER_VERSION="12080")
    code, out, err, _ = run(binary, ["bench", "gen", "--config", "tiny", "--device", "0", "--prompt-tokens", "16",
                                     "--batches", "1", "--decode-steps", "2"], env=env)
    text = (out + err).strip()
    line = next((l for l in text.splitlines() if "built with CUDA" in l), text[-300:])
    record("versions", "refuses a driver for CUDA 12.8 (simulated)", line.strip()[:160],
           code != 0 and "built with CUDA" in text)
    return True


def torch_setup():
    import torch  # noqa: F401
    import transformers  # noqa: F401
    return torch, transformers


def hf_model(transformers, torch, model_dir, adapter, dtype):
    model = transformers.AutoModelForCausalLM.from_pretrained(str(model_dir), dtype=dtype, attn_implementation="eager")
    if adapter:
        import peft

        model = peft.PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
    return model.to("cuda").eval()


def gpu_parity(binary):
    try:
        torch, transformers = torch_setup()
    except Exception as e:  # noqa: BLE001
        record("parity", "torch/transformers", str(e), False)
        return
    dtypes = {"f32": torch.float32, "bf16": torch.bfloat16, "f16": torch.float16}
    for ref, model, adapter in FIXTURES:
        want = json.loads((FIX / "reference" / f"{ref}.json").read_text())
        cols = want["columns"]
        ids = want["input_ids"]
        for name, dt in dtypes.items():
            tol = TOLERANCE[name]
            try:
                out = parity_json(binary, ref, model, adapter, "0", name)
                hf = hf_model(transformers, torch, FIX / model, FIX / adapter if adapter else None, dt)
            except Exception as e:  # noqa: BLE001
                record("parity", f"{ref} {name}", str(e)[:300], False)
                continue
            with torch.no_grad():
                full = hf(input_ids=torch.tensor([ids], device="cuda"), use_cache=False).logits[0].float()
                want_rows = full[:, cols].tolist()
                k = want["incremental_logits"]["prefill"]
                o = hf(input_ids=torch.tensor([ids[:k]], device="cuda"), use_cache=True)
                past, inc = o.past_key_values, [o.logits[0, -1, cols].float().tolist()]
                for t in ids[k:]:
                    o = hf(input_ids=torch.tensor([[t]], device="cuda"), past_key_values=past, use_cache=True)
                    past = o.past_key_values
                    inc.append(o.logits[0, -1, cols].float().tolist())
                o = hf(input_ids=torch.tensor([ids], device="cuda"), use_cache=True)
                past, logits = o.past_key_values, o.logits[0, -1].float()
                greedy, gaps = [], []
                for _ in range(len(want["greedy"])):
                    top = torch.topk(logits, 2).values
                    gaps.append(float(top[0] - top[1]))
                    nxt = int(torch.argmax(logits))
                    greedy.append(nxt)
                    o = hf(input_ids=torch.tensor([[nxt]], device="cuda"), past_key_values=past, use_cache=True)
                    past, logits = o.past_key_values, o.logits[0, -1].float()
                argmax = full.argmax(-1).tolist()
                top2 = torch.topk(full, 2, dim=-1).values
                pos_gaps = (top2[:, 0] - top2[:, 1]).tolist()
            del hf
            torch.cuda.empty_cache()
            d = max_diff(out["prompt_logits"], want_rows)
            record("parity", f"{ref} {name}: prompt logits max |diff| vs transformers", f"{d:.2e} (tol {tol:g})", d <= tol)
            d = max_diff(out["incremental_logits"], inc)
            record("parity", f"{ref} {name}: incremental logits max |diff|", f"{d:.2e} (tol {tol:g})", d <= tol)
            same = [a == b for a, b, g in zip(out["prompt_argmax"], argmax, pos_gaps) if g > 2 * tol]
            record("parity", f"{ref} {name}: argmax (positions with a clear top)", f"{sum(same)}/{len(same)}", all(same))
            eq, n = prefix_equal(out["greedy"], greedy, gaps, tol)
            record("parity", f"{ref} {name}: greedy tokens", f"{'equal' if eq else 'differ'} over {n}", eq)
            check_batches("parity", f"{ref} {name}", out, None, name == "f32")
            kc = out.get("kernels")
            if kc and name == "f32":
                ok = kc["sampled_equal"] == kc["sampled_rows"]
                record("parity", f"{ref}: device sampling = CPU reference",
                       f"{kc['sampled_equal']}/{kc['sampled_rows']} rows", ok)
                ok = kc["logprobs_max_diff"] < 1e-4 and kc["logprobs_id_mismatches"] == 0
                record("parity", f"{ref}: device log-probabilities",
                       f"max |diff| {kc['logprobs_max_diff']:.1e}, {kc['logprobs_id_mismatches']} id mismatches", ok)
                ok = kc["attention_max_diff"] < 1e-4
                record("parity", f"{ref}: segment attention kernel vs CPU", f"max |diff| {kc['attention_max_diff']:.1e}", ok)


HF_CONFIGS = {
    "qwen2.5-0.5b": dict(model_type="qwen2", vocab_size=151936, hidden_size=896, intermediate_size=4864,
                         num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2,
                         tie_word_embeddings=True),
    "qwen3-4b": dict(model_type="qwen3", vocab_size=151936, hidden_size=2560, intermediate_size=9728,
                     num_hidden_layers=36, num_attention_heads=32, num_key_value_heads=8, head_dim=128,
                     tie_word_embeddings=True),
    "qwen2.5-7b": dict(model_type="qwen2", vocab_size=152064, hidden_size=3584, intermediate_size=18944,
                       num_hidden_layers=28, num_attention_heads=28, num_key_value_heads=4,
                       tie_word_embeddings=False),
}
# transformers' generate repeats the prompt per row (no shared prefix): B x 4k prompt tokens are
# prefilled three times per measurement, so the larger batches are left out for the larger shapes.
HF_BATCHES = {"qwen2.5-0.5b": [1, 16, 64], "qwen3-4b": [1, 16], "qwen2.5-7b": [1, 16]}


def hf_model_random(torch, transformers, shape):
    kw = dict(HF_CONFIGS[shape])
    cfg = transformers.AutoConfig.for_model(kw.pop("model_type"), max_position_embeddings=32768,
                                            rope_theta=1e6, **kw)
    with torch.device("cuda"):
        return transformers.AutoModelForCausalLM.from_config(cfg, dtype=torch.bfloat16).eval()


def hf_generate_tok_s(torch, model, batch, prompt, steps):
    """Decode tokens/s of transformers' generate: (time of 1 + steps tokens) - (time of 1 token)."""
    ids = torch.randint(0, 150000, (1, prompt), device="cuda").repeat(batch, 1)
    mask = torch.ones_like(ids)

    def gen(n):
        torch.cuda.synchronize()
        t = time.time()
        with torch.no_grad():
            model.generate(ids, attention_mask=mask, max_new_tokens=n, min_new_tokens=n, do_sample=True,
                           pad_token_id=0)
        torch.cuda.synchronize()
        return time.time() - t

    gen(1)
    one = gen(1)
    full = gen(steps + 1)
    return batch * steps / max(full - one, 1e-9)


def gpu_throughput(binary, out_dir, budget_s):
    started = time.time()
    try:
        torch, transformers = torch_setup()
    except Exception:  # noqa: BLE001
        torch = transformers = None
    for shape in SHAPES:
        if time.time() - started > budget_s:
            record("throughput", shape, "skipped: out of time", "skipped")
            continue
        js = out_dir / f"gen-{shape}.json"
        code, out, err, secs = run(binary, ["bench", "gen", "--config", shape, "--device", "0", "--prompt-tokens",
                                            "4096", "--batches", ",".join(map(str, BATCHES)), "--decode-steps", "16",
                                            "--no-independent", "--json", str(js)], timeout=400)
        if code != 0:
            record("throughput", f"bench gen {shape}", err.strip()[-300:], False)
            continue
        print(out)
        report = json.loads(js.read_text())
        roof = report["bandwidth"] / report["weight_bytes"]
        hf = {}
        if torch is not None and time.time() - started < budget_s:
            try:
                model = hf_model_random(torch, transformers, shape)
                for b in HF_BATCHES[shape]:
                    if time.time() - started > budget_s:
                        break
                    try:
                        hf[b] = hf_generate_tok_s(torch, model, b, 4096, 8)
                    except Exception as e:  # noqa: BLE001
                        hf[b] = "out of memory" if "out of memory" in str(e).lower() else str(e)[:60]
                        torch.cuda.empty_cache()
                del model
                torch.cuda.empty_cache()
            except Exception as e:  # noqa: BLE001
                record("throughput", f"transformers {shape}", str(e)[:200], "skipped")
        for r in report["rows"]:
            ms = 1e3 * r["decode_s"] / max(r["decode_steps"], 1)
            tok_s = r["decode_tokens"] / max(r["decode_s"], 1e-9)
            host = 1e3 * r["host_s"] / max(r["decode_steps"], 1)
            base = hf.get(r["batch"])
            if isinstance(base, float):
                vs = f"{tok_s / base:.2f}x transformers ({base:.0f} tok/s)"
            elif base is not None:
                vs = f"transformers: {base}"
            else:
                vs = "transformers: not run"
            record("throughput", f"{shape} batch {r['batch']}",
                   f"{tok_s:.0f} tok/s, {ms:.1f} ms/step (host {host:.2f}), {(1e3 / ms) / roof:.2f} of roofline, "
                   f"peak {r['memory_bytes'] / 2**30:.1f} GiB, {vs}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--cpu", action="store_true")
    ap.add_argument("--skip", default="", help="comma list of sections to skip (versions,parity,throughput,solve)")
    ap.add_argument("--throughput-budget", type=float, default=240.0, help="seconds for the throughput section")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    binary = Path(a.binary).resolve()
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if a.cpu:
            if "parity" not in skip:
                cpu_parity(binary)
            if "throughput" not in skip:
                cpu_bench(binary, tmp)
            if "solve" not in skip:
                solve(binary, "cpu", tmp, 1, 2)
        else:
            ok = True
            if "versions" not in skip:
                ok = versions(binary, tmp)
            if ok and "parity" not in skip:
                gpu_parity(binary)
            if ok and "throughput" not in skip:
                gpu_throughput(binary, tmp, a.throughput_budget)
            if ok and "solve" not in skip:
                solve(binary, "all", tmp, 4, 4)
    width = max(len(w) for _, w, _, _ in rows) if rows else 10
    print(f"\n== gpu-check ({'cpu' if a.cpu else 'gpu'}), {time.time() - started:.0f} s")
    for section, what, result, ok in rows:
        mark = "ok" if ok is True else ("FAIL" if ok is False else ok)
        print(f"{section:<10} {what:<{width}}  {result}  [{mark}]")
    failed = [r for r in rows if r[3] is False]
    print(f"{len(rows) - len(failed)}/{len(rows)} checks passed")
    return 1 if failed or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
