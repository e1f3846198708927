"""The process's one audit hook, and the stack of what it currently enforces.

``sys.addaudithook`` cannot be undone, and the hook sees every audit event of the process (an
import alone raises a dozen), so it is installed once and kept cheap: ``gate.rules`` maps the
watched event names to their rules while a small or medium test runs, and is empty otherwise.
The fast path is one attribute read, a truth test and, while a test is gated, one dict lookup.
Entering a test phase pushes the rules of the test's size; leaving restores what was there
before, so an inner pytest session run in-process by a test (pytester) stacks on the outer test
and hands the gate back to it.

pytester's in-process runs drop and re-import plugin modules after each run. The gate therefore
lives on the ``sys`` module, where a re-imported copy of this module finds it instead of adding a
second hook.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any, Protocol

Finding = tuple[str, str]
"""A violation found by a rule: its code and what the test attempted."""

Rule = Callable[[tuple[Any, ...], Any], "Finding | None"]
"""Judges one audit event's arguments; the second argument is the session's readable paths."""

Rules = Mapping[str, Rule]

# Plain dicts, never mutated: the hook calls ``.get`` on them for every event, and a dict's is the
# fastest there is (a MappingProxyType's would forward the call and double the hook's cost).
NO_RULES: Rules = {}

_ATTRIBUTE = "_pytest_test_categories_isolation_gate"
_PROTOCOL = 1


class Scope(Protocol):
    """Who is gated: the running test's phase. Called only for watched events."""

    def check(self, rule: Rule, args: tuple[Any, ...]) -> None: ...


class Gate:
    """What the audit hook enforces right now; ``enter``/``leave`` nest like a stack."""

    __slots__ = ("_stack", "busy", "protocol", "rules", "scope")

    def __init__(self) -> None:
        self.rules: Rules = NO_RULES
        self.scope: Scope | None = None
        self.busy: set[int] = set()
        self.protocol = _PROTOCOL
        self._stack: list[tuple[Rules, Scope | None]] = []

    def enter(self, rules: Rules, scope: Scope | None) -> int:
        """Enforce ``rules`` for ``scope`` until ``leave`` is called with the returned depth."""
        self._stack.append((self.rules, self.scope))
        self.rules = rules
        self.scope = scope
        return len(self._stack)

    def leave(self, depth: int) -> None:
        """Restore what was enforced before the matching ``enter``, dropping anything left above it."""
        stack = self._stack
        if depth != len(stack):
            if depth > len(stack) or depth < 1:
                return
            del stack[depth:]
        self.rules, self.scope = stack.pop()

    @property
    def depth(self) -> int:
        return len(self._stack)


def _make_hook(gate: Gate) -> Callable[[str, tuple[Any, ...]], None]:
    def audit(event: str, args: tuple[Any, ...]) -> None:
        rules = gate.rules
        if not rules:  # no test gated: not even the event name gets hashed
            return
        rule = rules.get(event)
        if rule is not None:
            __tracebackhide__ = True
            scope = gate.scope
            if scope is not None:
                scope.check(rule, args)

    return audit


def process_gate() -> Gate:
    """The process's gate, with its audit hook installed on first use."""
    gate = getattr(sys, _ATTRIBUTE, None)
    if gate is not None and getattr(gate, "protocol", None) == _PROTOCOL:
        return gate  # type: ignore[no-any-return]
    gate = Gate()
    setattr(sys, _ATTRIBUTE, gate)
    sys.addaudithook(_make_hook(gate))
    return gate
