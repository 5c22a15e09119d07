#!/usr/bin/env python3
"""Check `arc-solver serve` against the official `openai` Python package.

Starts `serve --port 0` on a model, then through `openai.OpenAI(base_url=...)`: lists the models,
asks for 4 seeded choices with logprobs, streams one choice with usage and compares it with the
non-streamed answer for the same seed, and checks that errors raise the client's exception types.
Prints one line per check and exits non-zero if any fails.

    /work/venv-fixtures/bin/pip install -r scripts/requirements-fixtures.txt   # pins openai
    python3 scripts/openai_client_check.py [BINARY] [MODEL_DIR]
    # defaults: target/debug/arc-solver tests/fixtures/tiny-qwen2
"""

import argparse
import os
import subprocess
import sys
import threading

import openai

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEM = "You write Python."
USER = "Solve the task: rotate the grid."
MESSAGES = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER}]


def start_server(binary, model):
    """Starts the server; returns (process, base URL)."""
    proc = subprocess.Popen(
        [binary, "serve", "--model", model, "--devices", "cpu", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Keep stderr drained so the server never blocks on a full pipe.
    log = []
    threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        proc.wait()
        sys.exit(f"server did not start: {line!r}\n{''.join(log)}")
    return proc, line[len("listening on "):]


class Checks:
    def __init__(self):
        self.failures = 0

    def check(self, name, fn):
        try:
            detail = fn()
            print(f"ok    {name}" + (f": {detail}" if detail else ""))
        except Exception as e:  # noqa: BLE001 - every failure is reported the same way
            self.failures += 1
            print(f"FAIL  {name}: {type(e).__name__}: {e}")


def expect(cond, message):
    if not cond:
        raise AssertionError(message)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", nargs="?", default=os.path.join(ROOT, "target/debug/arc-solver"))
    parser.add_argument("model", nargs="?", default=os.path.join(ROOT, "tests/fixtures/tiny-qwen2"))
    args = parser.parse_args()
    proc, url = start_server(args.binary, args.model)
    checks = Checks()
    try:
        client = openai.OpenAI(base_url=url + "/v1", api_key="unused", max_retries=0)
        model = os.path.basename(os.path.normpath(args.model))
        print(f"openai {openai.__version__} against {url}")

        def models():
            ids = [m.id for m in client.models.list()]
            expect(model in ids, f"{model} not in {ids}")
            return ", ".join(ids)

        checks.check("models.list", models)

        answers = {}

        def completion():
            r = client.chat.completions.create(
                model=model, messages=MESSAGES, n=4, seed=5, max_tokens=16,
                logprobs=True, top_logprobs=3,
            )
            expect(len(r.choices) == 4, f"{len(r.choices)} choices")
            expect([c.index for c in r.choices] == [0, 1, 2, 3], "choices out of order")
            u = r.usage
            # One logprob entry per content token; an ending eos is generated but not content.
            entries = sum(len(c.logprobs.content) + (c.finish_reason == "stop") for c in r.choices)
            expect(u.completion_tokens == entries, f"{u.completion_tokens} tokens, {entries} entries")
            expect(u.total_tokens == u.prompt_tokens + u.completion_tokens, "total")
            for c in r.choices:
                expect(c.message.role == "assistant", c.message.role)
                expect(c.finish_reason in ("stop", "length"), c.finish_reason)
                for t in c.logprobs.content:
                    expect(len(t.top_logprobs) == 3, f"{len(t.top_logprobs)} alternatives")
                    lps = [a.logprob for a in t.top_logprobs]
                    expect(lps == sorted(lps, reverse=True), f"unsorted {lps}")
                    expect(t.logprob <= 0 and t.logprob <= lps[0] + 1e-6, "logprob above the top")
                    expect(bytes(t.bytes).decode("utf-8", "replace") == t.token, "bytes vs token")
            answers["first"] = r.choices[0].message.content
            return (f"usage prompt {u.prompt_tokens} completion {u.completion_tokens}; "
                    f"choice 0 {r.choices[0].message.content!r}")

        checks.check("chat.completions n=4 seed logprobs", completion)

        def streaming():
            stream = client.chat.completions.create(
                model=model, messages=MESSAGES, n=1, seed=5, max_tokens=16, stream=True,
                stream_options={"include_usage": True},
            )
            text, usage, finish = "", None, None
            for chunk in stream:
                if chunk.usage is not None:
                    usage = chunk.usage
                for c in chunk.choices:
                    text += c.delta.content or ""
                    finish = c.finish_reason or finish
            expect(text == answers.get("first"), f"stream {text!r} != {answers.get('first')!r}")
            expect(usage is not None and usage.completion_tokens > 0, f"usage {usage}")
            expect(finish in ("stop", "length"), f"finish {finish}")
            return f"{len(text)} chars, finish {finish}, usage {usage.completion_tokens} tokens"

        checks.check("streaming equals the non-streamed choice 0", streaming)

        def not_found():
            try:
                client.chat.completions.create(model="no-such-model", messages=MESSAGES)
            except openai.NotFoundError as e:
                return f"NotFoundError {e.status_code}"
            raise AssertionError("no error")

        def bad_n():
            try:
                client.chat.completions.create(model=model, messages=MESSAGES, n=0)
            except openai.BadRequestError as e:
                param = e.body.get("param") if isinstance(e.body, dict) else e.body
                return f"BadRequestError {e.status_code} param={param}"
            raise AssertionError("no error")

        checks.check("unknown model raises NotFoundError", not_found)
        checks.check("n=0 raises BadRequestError", bad_n)
    finally:
        proc.kill()
        proc.wait()
    print("all checks passed" if checks.failures == 0 else f"{checks.failures} checks failed")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
