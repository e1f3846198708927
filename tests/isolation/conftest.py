"""Helpers for the isolation plugin's tests: run an inner pytest with markers + isolation loaded."""

from __future__ import annotations

from collections.abc import Callable

import pytest

RunIsolated = Callable[..., pytest.RunResult]


@pytest.fixture
def run_isolated(run_with: Callable[..., pytest.RunResult]) -> RunIsolated:
    """``run_isolated("strict", "-v")`` runs the inner suite in that isolation mode ("" = default)."""

    def run(
        mode: str,
        *args: str,
        extra: tuple[str, ...] = (),
        subprocess: bool = False,
    ) -> pytest.RunResult:
        mode_args = [f"--test-categories-isolation={mode}"] if mode else []
        return run_with(
            "markers", "isolation", args=[*mode_args, *args], extra=list(extra), subprocess=subprocess
        )

    return run


def listed(result: pytest.RunResult) -> list[str]:
    """The lines of the warn-mode summary that name a violation."""
    lines = result.stdout.lines
    try:
        start = next(i for i, line in enumerate(lines) if "isolation warnings" in line)
    except StopIteration:
        return []
    return [line for line in lines[start + 1 :] if "::" in line and ": TC00" in line]
