"""Helpers of the ``report merge`` tests: run the command in-process, and make small valid reports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pytest_test_categories_core import DEFAULT_TIME_LIMITS, Enforcement, TestSize
from pytest_test_categories_core.commands import main
from pytest_test_categories_reporting.distribution import evaluate
from pytest_test_categories_reporting.jsonreport import render_json
from pytest_test_categories_reporting.model import RunReport, TestResult, size_counter
from pytest_test_categories_reporting.settings import DEFAULT_TARGETS, DEFAULT_TOLERANCE


@dataclass(frozen=True)
class Merged:
    ret: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return self.err.splitlines()


def merge(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Merged:
    """``pytest-test-categories report merge ARGS``, as the console script runs it."""
    capsys.readouterr()
    try:
        ret = main(["report", "merge", *map(str, args)])
    except SystemExit as stop:  # argparse's own usage errors
        ret = int(stop.code or 0)
    captured = capsys.readouterr()
    return Merged(ret, captured.out, captured.err)


def report_document(
    *sizes: str | None,
    created: str = "2026-12-01T10:00:00Z",
    suite: str | None = "shop/pyproject.toml",
    prefix: str = "test_a.py::test_",
) -> dict[str, Any]:
    """A valid report of passing tests, one per size given (None: unsized), as the plugin writes it."""
    tests = tuple(
        TestResult(
            f"{prefix}{index}",
            TestSize(size) if size is not None else None,
            "passed",
            0.01,
            DEFAULT_TIME_LIMITS[TestSize(size)] if size is not None else None,
            "limit" if size is not None else None,
            (),
        )
        for index, size in enumerate(sizes)
    )
    report = RunReport(
        created=created,
        tests=tests,
        selected=len(tests),
        unfinished=(),
        partial_reason=None,
        exit_status=0 if tests else 5,
        time_limits=DEFAULT_TIME_LIMITS,
        distribution=evaluate(
            size_counter(tests), mode=Enforcement.OFF, targets=DEFAULT_TARGETS, tolerance=DEFAULT_TOLERANCE
        ),
        environment={
            "python": "3.11",
            "implementation": "CPython",
            "platform": "linux",
            "pytest": "9",
            "packages": {},
        },
        suite=suite,
    )
    document: dict[str, Any] = json.loads(render_json(report))
    return document


def write_document(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path
