"""pytest-rerunfailures: a test run again is reported once, with its last attempt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from .suites import by_nodeid, read_report

pytestmark = pytest.mark.medium

FLAKY = """
import socket
import time

import pytest

attempts = {"slow": 0, "net": 0}


def busy(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


@pytest.mark.small
def test_slow_only_first_time():
    attempts["slow"] += 1
    if attempts["slow"] == 1:
        busy(0.5)


@pytest.mark.small
def test_network_only_first_time():
    attempts["net"] += 1
    if attempts["net"] == 1:
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=0.1)
        except OSError:
            pass


@pytest.mark.small
def test_always_slow():
    busy(0.3)


@pytest.mark.small
def test_ok():
    pass
"""

LIMITS = ["-o", "test_categories_time_limits=small=0.2 medium=300 large=900 xlarge=900"]


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_each_test_once_with_its_last_attempt(pytester, run_with, workers):
    pytester.makepyfile(test_flaky=FLAKY)
    result = run_with(
        "markers", "timing", "isolation", "reporting",
        args=[
            "--reruns", "2", *workers, *LIMITS, "--test-categories-isolation=strict",
            "--test-size-report=json", "--test-size-report-file=r.json", "--junitxml=j.xml",
        ],
        extra=["rerunfailures", *(["xdist"] if workers else [])], subprocess=True,
    )  # fmt: skip
    outcomes = result.parseoutcomes()
    assert (outcomes["passed"], outcomes["failed"], outcomes["rerun"]) == (3, 1, 4)
    report = read_report(pytester.path / "r.json")
    summary = report["summary"]
    assert (summary["selected"], summary["reported"]) == (4, 4)
    assert summary["outcomes"]["passed"] == 3
    assert summary["outcomes"]["failed"] == 1
    assert summary["violations"] == {"TC006": 1}
    tests = by_nodeid(report)
    assert tests["test_flaky.py::test_always_slow"]["outcome"] == "failed"
    assert [v["code"] for v in tests["test_flaky.py::test_always_slow"]["violations"]] == ["TC006"]
    assert tests["test_flaky.py::test_slow_only_first_time"]["violations"] == []
    assert tests["test_flaky.py::test_network_only_first_time"]["violations"] == []
    # JUnit keeps a test case per attempt; each carries its own attempt's violations only.
    for case in ET.parse(pytester.path / "j.xml").iter("testcase"):
        violations = [p for p in case.iter("property") if p.get("name") == "test_categories_violation"]
        assert len(violations) <= 1, case.get("name")
