"""What the isolation audit hook costs per audit event, in its three situations.

    python packages/isolation/tools/measure_hook_cost.py

Every ``id()`` call raises the ``builtins.id`` audit event, which no rule watches, so timing
``id()`` measures the hook's fast path: no hook at all, our hook while no test is gated, and our
hook while a small test is gated (the event is looked up and not found); an empty Python hook
shows what any audit hook costs before it does anything. A watched event that a
rule allows (a small test reading a file of the standard library) shows the slow path. Not part
of the test suite: tests assert behaviour, this measures speed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import timeit

CHILD = r"""
import os, sys, timeit
from pathlib import Path
mode = sys.argv[1]
n = 1_000_000
if mode == "noop":
    sys.addaudithook(lambda event, args: None)
elif mode != "none":
    from pytest_test_categories_core import TestSize
    from pytest_test_categories_isolation.gate import process_gate
    from pytest_test_categories_isolation.rules import rules_for
    from pytest_test_categories_isolation.readable_paths import ReadablePaths

    class Runner:
        strict = False
        bugs = []
        def __init__(self):
            self.gate = process_gate()
            self.readable = ReadablePaths(Path.cwd())

    class Scope:
        def __init__(self, runner):
            self.runner = runner
        def check(self, rule, args):
            rule(args, self.runner.readable)

    gate = process_gate()
    if mode == "small":
        gate.enter(rules_for(TestSize.SMALL), Scope(Runner()))
best = min(timeit.repeat("id(x)", setup="x = 1", number=n, repeat=7))
print(f"{best / n * 1e9:.1f}")
if mode == "small":
    n = 20_000
    target = os.__file__
    best = min(timeit.repeat("open(target, 'rb').close()", globals={"target": target}, number=n, repeat=5))
    print(f"{best / n * 1e9:.1f}")
"""


def run(mode: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True)
    return [float(line) for line in out.stdout.split()]


def main() -> None:
    base = run("none")[0]
    noop = run("noop")[0]
    idle = run("idle")[0]
    small = run("small")
    plain_open = (
        min(
            timeit.repeat(
                "open(target, 'rb').close()", globals={"target": os.__file__}, number=20_000, repeat=5
            )
        )
        / 20_000
        * 1e9
    )
    print(f"id() without any audit hook:             {base:7.1f} ns")
    print(f"id() with an empty Python audit hook:     {noop:7.1f} ns  (+{noop - base:.1f} ns per event)")
    print(f"id() with our hook, no test gated:        {idle:7.1f} ns  (+{idle - base:.1f} ns per event)")
    print(
        f"id() with our hook, a small test gated:   {small[0]:7.1f} ns  (+{small[0] - base:.1f} ns per event)"
    )
    print(f"open()+close() of a stdlib file, no hook: {plain_open:7.1f} ns")
    print(
        f"the same in a gated small test (slow path, allowed): {small[1]:7.1f} ns "
        f"(+{small[1] - plain_open:.1f} ns)"
    )


if __name__ == "__main__":
    main()
