"""Every part's violations show the user's code in their tracebacks, never a frame of our packages."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.medium

OUR_FRAME = re.compile(r"pytest_test_categories\w*[/\\][\w/\\]*\.py:\d+")

SUITE = """
import asyncio
import socket
import time

import httpx
import pytest


@pytest.fixture
def report_folder(tmp_path):
    (tmp_path / "report.csv").write_text("x")
    return tmp_path


@pytest.mark.small
def test_pytester(pytester):
    pass


@pytest.mark.small
def test_fixture_writes(report_folder):
    pass


@pytest.mark.small
def test_network():
    socket.create_connection(("127.0.0.1", 9), timeout=0.1)


@pytest.mark.small
def test_sleep():
    time.sleep(0.01)


@pytest.mark.small
def test_busy():
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        pass


@pytest.mark.small(timeout=0.2)
def test_over_budget():
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        pass


@pytest.mark.small
async def test_hangs():
    await asyncio.Event().wait()


@pytest.mark.small
def test_unmocked(mock_api):
    httpx.get("https://api.example.com/missing")


@pytest.mark.small(timeout=-1)
def test_bad_marker():
    pass
"""


def test_no_violation_traceback_shows_a_frame_of_ours(pytester: pytest.Pytester, run_with) -> None:
    pytester.makepyfile(test_violations=SUITE)
    result = run_with(
        "core",
        "markers",
        "timing",
        "isolation",
        "asyncmock",
        args=[
            "-p",
            "pytester",
            "--tb=long",
            "-p",
            "no:randomly",
            "--test-categories-isolation=strict",
            "-o",
            "asyncio_mode=auto",
            "-o",
            "asyncio_default_fixture_loop_scope=function",
        ],
        extra=["asyncio", "pytest_mock"],
        subprocess=True,
    )
    result.assert_outcomes(failed=6, errors=3)
    output = result.stdout.str()
    for code in ("TC001", "TC002", "TC005", "TC006", "TC008", "TC009"):
        assert f"{code} " in output, code
    assert not OUR_FRAME.findall(output), output
