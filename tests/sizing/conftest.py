"""Helpers for the sizing plugin's tests: run an inner pytest with the sizing plugin loaded."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLUGINS

SIZING = "pytest_test_categories_sizing.plugin"
RunSizing = Callable[..., pytest.RunResult]


@pytest.fixture
def run_sizing(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> RunSizing:
    """``run_sizing("timing", args=[...])``: the sizing plugin (with core, markers) plus the parts named."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")

    def run(
        *parts: str,
        args: tuple[str, ...] | list[str] = (),
        extra: tuple[str, ...] | list[str] = (),
        subprocess: bool = False,
    ) -> pytest.RunResult:
        plugin_args = ["-p", SIZING, "-p", "no:randomly"]
        for part in parts:
            plugin_args += ["-p", PLUGINS[part]]
        for name in extra:
            plugin_args += ["-p", name]
        if subprocess:
            return pytester.runpytest_subprocess(*plugin_args, *args)
        return pytester.runpytest(*plugin_args, *args)

    return run


def suggestions(pytester: pytest.Pytester, name: str = "test-size-suggestions.json") -> dict[str, Any]:
    document: dict[str, Any] = json.loads(Path(pytester.path, name).read_text(encoding="utf-8"))
    return document


def suggested(document: dict[str, Any]) -> dict[str, str]:
    """``{function name: suggested size}`` of a suggestion file."""
    return {entry["function"]: entry["suggested"] for entry in document["functions"]}


def reasons(document: dict[str, Any], function: str) -> list[str]:
    entry = next(entry for entry in document["functions"] if entry["function"] == function)
    return [reason["text"] for reason in entry["reasons"]]
