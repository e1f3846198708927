"""``time.sleep`` raises the ``time.sleep`` audit event on some Pythons only; give the others the same.

CPython 3.13 raises the event, 3.11 does not, and 3.12 does only from a later bugfix release on
(3.12.1 raises none). So nothing is assumed by version: when the plugin is loaded (before conftest
files and test modules are imported), one ``time.sleep(0)`` is made while the process's audit hook
listens for the event. Where it does not come, ``time.sleep`` is replaced, once, by a thin wrapper
that raises the event and then sleeps. The wrapper is never restored or re-patched per test, and a
test that patches ``time.sleep`` itself gets its own fake. Where the wrapper is needed, a name bound
with ``from time import sleep`` before the plugin was loaded keeps the original function and is not
seen; where the interpreter raises the event, every call is seen.
"""

from __future__ import annotations

import functools
import sys
import time
from typing import Any

from pytest_test_categories_isolation.gate import Finding, Gate, Rule, process_gate

_MARK = "__test_categories_audited__"


class _Heard:
    """A gate scope that only notes that a watched event came."""

    def __init__(self) -> None:
        self.heard = False

    def check(self, rule: Rule, args: tuple[Any, ...]) -> None:
        self.heard = True


def _ignore(args: tuple[Any, ...], paths: Any) -> Finding | None:
    return None


def raises_event(gate: Gate | None = None) -> bool:
    """Whether ``time.sleep`` raises the ``time.sleep`` audit event in this process right now."""
    gate = gate or process_gate()
    heard = _Heard()
    depth = gate.enter({"time.sleep": _ignore}, heard)
    try:
        time.sleep(0)
    finally:
        gate.leave(depth)
    return heard.heard


def install() -> None:
    """Make ``time.sleep`` raise its audit event where the interpreter does not (idempotent)."""
    if getattr(time.sleep, _MARK, False) or raises_event():
        return
    original = time.sleep

    @functools.wraps(original)
    def sleep(seconds: float, /) -> None:
        __tracebackhide__ = True  # a failure or a stop shows the caller's line, as with the builtin
        sys.audit("time.sleep", seconds)
        original(seconds)

    setattr(sleep, _MARK, True)
    setattr(time, "sleep", sleep)  # noqa: B010
