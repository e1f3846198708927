"""Test suites the reporting tests run, and helpers to read what the reporter wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from pytest_test_categories_reporting import load_schema

PLUGINS = ("markers", "reporting")

# Every outcome pytest knows, every size, an unsized test, a budget and a recorded violation.
MIXED = """
import time

import pytest
from pytest_test_categories_core import Violation, report_violation


@pytest.fixture
def broken():
    raise RuntimeError("setup broke")


@pytest.fixture
def broken_teardown():
    yield
    raise RuntimeError("teardown broke")


@pytest.mark.small
def test_passes():
    pass


@pytest.mark.small
def test_fails():
    assert 1 == 2


@pytest.mark.small
@pytest.mark.skip(reason="not today")
def test_skipped():
    pass


@pytest.mark.small
@pytest.mark.xfail(reason="known bug")
def test_xfails():
    assert 1 == 2


@pytest.mark.medium
@pytest.mark.xfail(reason="fixed already")
def test_xpasses():
    pass


@pytest.mark.medium
def test_setup_error(broken):
    pass


@pytest.mark.medium
def test_teardown_error(broken_teardown):
    pass


@pytest.mark.large(timeout=0.2)
def test_near_its_budget():
    time.sleep(0.18)


@pytest.mark.xlarge
def test_breaks_a_promise(request):
    report_violation(
        request.node,
        Violation("TC005", request.node.nodeid, None, "called time.sleep(2)", "use a fake clock"),
    )


@pytest.mark.small
@pytest.mark.parametrize("value", [1, 2])
def test_param(value):
    assert value


def test_unsized():
    pass
"""

MIXED_OUTCOMES = {
    "test_mixed.py::test_passes": ("small", "passed"),
    "test_mixed.py::test_fails": ("small", "failed"),
    "test_mixed.py::test_skipped": ("small", "skipped"),
    "test_mixed.py::test_xfails": ("small", "xfailed"),
    "test_mixed.py::test_xpasses": ("medium", "xpassed"),
    "test_mixed.py::test_setup_error": ("medium", "error"),
    "test_mixed.py::test_teardown_error": ("medium", "error"),
    "test_mixed.py::test_near_its_budget": ("large", "passed"),
    "test_mixed.py::test_breaks_a_promise": ("xlarge", "passed"),
    "test_mixed.py::test_param[1]": ("small", "passed"),
    "test_mixed.py::test_param[2]": ("small", "passed"),
    "test_mixed.py::test_unsized": (None, "passed"),
}


def sized_suite(small: int, medium: int = 0, large: int = 0, xlarge: int = 0, unsized: int = 0) -> str:
    """A module with the given number of passing tests of each size."""
    lines = ["import pytest", ""]
    for size, count in (("small", small), ("medium", medium), ("large", large), ("xlarge", xlarge)):
        for index in range(count):
            lines += [f"@pytest.mark.{size}", f"def test_{size}_{index}():", "    pass", ""]
    for index in range(unsized):
        lines += [f"def test_unsized_{index}():", "    pass", ""]
    return "\n".join(lines)


def read_report(path: Path) -> dict[str, Any]:
    """Load a JSON report and check it against the schema shipped in the package."""
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, load_schema())
    return document


def by_nodeid(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {test["nodeid"]: test for test in document["tests"]}


def without_timings(document: dict[str, Any]) -> dict[str, Any]:
    """The report minus what differs between two runs of the same tests: clock readings."""
    copy = json.loads(json.dumps(document))
    del copy["created"]
    del copy["summary"]["duration"]
    for test in copy["tests"]:
        del test["duration"]
    return copy
