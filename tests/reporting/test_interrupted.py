"""A run stopped early (Ctrl-C, ``-x``, ``--maxfail``) still writes a valid report that says it is partial."""

from __future__ import annotations

import fnmatch
import os
import signal
import subprocess
import sys
import time

import pytest

from .suites import PLUGINS, by_nodeid, read_report

pytestmark = pytest.mark.medium

STOPS = """
import pytest

@pytest.mark.small
def test_1_passes():
    pass

@pytest.mark.small
def test_2_fails():
    assert False

@pytest.mark.medium
def test_3_fails_too():
    assert False

@pytest.mark.small
def test_4_never_runs():
    pass
"""

CTRL_C = """
import pytest

@pytest.mark.small
def test_1_passes():
    pass

@pytest.mark.medium
def test_2_is_interrupted():
    raise KeyboardInterrupt

@pytest.mark.small
def test_3_never_runs():
    pass
"""

REPORT = ["--test-size-report=json", "--test-size-report-file=r.json"]


@pytest.mark.parametrize(
    ("args", "ran", "reason"),
    [
        (["-x"], ["test_1_passes", "test_2_fails"], "stopped early (stopping after 1 failures); 2 of 4 *"),
        (
            ["--maxfail=2"],
            ["test_1_passes", "test_2_fails", "test_3_fails_too"],
            "stopped early (stopping after 2 *",
        ),
    ],
)
def test_exitfirst_and_maxfail(pytester, run_with, args, ran, reason):
    pytester.makepyfile(test_stops=STOPS)
    result = run_with(*PLUGINS, args=[*args, *REPORT])
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    document = read_report(pytester.path / "r.json")
    assert document["partial"] is True
    assert fnmatch.fnmatch(document["partial_reason"], reason), document["partial_reason"]
    assert [nodeid.split("::")[1] for nodeid in by_nodeid(document)] == ran
    assert (document["summary"]["selected"], document["summary"]["reported"]) == (4, len(ran))
    assert document["unfinished"] == []
    assert document["exit_status"] == 1


def test_a_test_raising_keyboard_interrupt(pytester, run_with):
    pytester.makepyfile(test_ctrl_c=CTRL_C)
    result = run_with(*PLUGINS, args=REPORT, subprocess=True)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    document = read_report(pytester.path / "r.json")
    assert document["partial"] is True
    assert document["partial_reason"] == (
        "interrupted (KeyboardInterrupt); 2 of 3 selected tests did not report a result"
    )
    assert list(by_nodeid(document)) == ["test_ctrl_c.py::test_1_passes"]
    assert document["unfinished"] == ["test_ctrl_c.py::test_2_is_interrupted"]
    assert document["exit_status"] == 2
    result.stdout.fnmatch_lines(["*KeyboardInterrupt*"])


def test_the_basic_report_says_the_run_was_partial(pytester, run_with):
    pytester.makepyfile(test_stops=STOPS)
    result = run_with(*PLUGINS, args=["-x", "--test-size-report=basic"])
    result.stdout.fnmatch_lines(
        [
            "2 of 4 selected tests reported: 1 passed, 1 failed",
            "PARTIAL RUN: stopped early (stopping after 1 failures); 2 of 4 selected tests did not report a result",
        ]
    )


SLEEPER = """
import pathlib
import time

import pytest

@pytest.mark.small
def test_1_passes():
    pass

@pytest.mark.large
def test_2_waits_for_ctrl_c():
    pathlib.Path("started").write_text("")
    time.sleep(60)

@pytest.mark.small
def test_3_never_runs():
    pass
"""


def test_a_real_ctrl_c_leaves_a_valid_partial_report(pytester):
    pytester.makepyfile(test_sleeper=SLEEPER)
    environment = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    command = [sys.executable, "-m", "pytest", "-p", "pytest_test_categories_markers.plugin"]
    command += ["-p", "pytest_test_categories_reporting.plugin", *REPORT]
    began = time.monotonic()
    process = subprocess.Popen(
        command, cwd=pytester.path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        while not (pytester.path / "started").exists():
            assert process.poll() is None, process.communicate()[0].decode()
            assert time.monotonic() - began < 30, "the sleeping test never started"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert time.monotonic() - began < 30  # stopped well before the 60 s sleep would have ended
    assert process.returncode == pytest.ExitCode.INTERRUPTED, output.decode()
    document = read_report(pytester.path / "r.json")
    assert document["partial"] is True
    assert document["partial_reason"].startswith("interrupted (KeyboardInterrupt)")
    assert list(by_nodeid(document)) == ["test_sleeper.py::test_1_passes"]
    assert document["unfinished"] == ["test_sleeper.py::test_2_waits_for_ctrl_c"]


def test_an_internal_error_still_leaves_a_partial_report(pytester, run_with):
    pytester.makeconftest(
        """
        def pytest_runtest_logfinish(nodeid):
            if nodeid.endswith("test_2_fails"):
                raise RuntimeError("a broken plugin")
        """
    )
    pytester.makepyfile(test_stops=STOPS)
    result = run_with(*PLUGINS, args=REPORT)
    assert result.ret == pytest.ExitCode.INTERNAL_ERROR
    document = read_report(pytester.path / "r.json")
    assert document["partial"] is True
    assert document["partial_reason"] == (
        "ended with exit status 3; 2 of 4 selected tests did not report a result"
    )
    assert list(by_nodeid(document)) == ["test_stops.py::test_1_passes", "test_stops.py::test_2_fails"]


def test_a_report_directory_removed_during_the_run_is_an_error_line_not_a_crash(pytester, run_with):
    pytester.makepyfile(
        test_removes="""
        import shutil
        import pytest

        @pytest.mark.medium
        def test_removes_the_report_directory():
            shutil.rmtree("out")
        """
    )
    pytester.mkdir("out")
    result = run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=out/r.json"])
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        ["ERROR: the test size report (json) could not be written to '*out/r.json': *"]
    )
    assert "INTERNALERROR" not in result.stdout.str()
