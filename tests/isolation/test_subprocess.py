"""TC003 subprocess: small tests stay in one process; medium and larger tests may start others."""

from __future__ import annotations

import sys

import pytest

from .conftest import RunIsolated, listed

pytestmark = pytest.mark.medium

SUBPROCESSES = """
import os
import subprocess
import sys
import pytest

TRUE = sys.executable, "-c", "pass"

def test_subprocess_run():
    subprocess.run([*TRUE], check=True)

def test_os_system():
    assert os.system("exit 0") == 0

def test_posix_spawn():
    pid = os.posix_spawn(TRUE[0], list(TRUE), os.environ)
    os.waitpid(pid, 0)

def test_spawnv():
    assert os.spawnv(os.P_WAIT, TRUE[0], list(TRUE)) == 0

def test_fork():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)

def test_popen_via_os_popen():
    with os.popen("echo hi") as stream:
        assert stream.read().strip() == "hi"
"""


@pytest.mark.skipif(sys.platform == "win32", reason="fork and posix_spawn are POSIX only")
def test_small_subprocesses_fail_in_strict_mode(pytester: pytest.Pytester, run_isolated: RunIsolated) -> None:
    pytester.makepyfile("import pytest\npytestmark = pytest.mark.small\n" + SUBPROCESSES)
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=6)
    exe = sys.executable
    result.stdout.fnmatch_lines(
        [
            f"FAILED *test_subprocess_run - *TC003 subprocess: start a subprocess: {exe} -c pass",
            "FAILED *test_os_system - *TC003 subprocess: run a shell command: exit 0",
            f"FAILED *test_posix_spawn - *TC003 subprocess: spawn a process: {exe} -c pass",
            "FAILED *test_spawnv - *TC003 subprocess: spawn a process: * -c pass",
            "FAILED *test_fork - *TC003 subprocess: fork the test process",
            "FAILED *test_popen_via_os_popen - *TC003 subprocess: start a subprocess: /bin/sh -c echo hi",
        ]
    )
    result.stdout.fnmatch_lines(["*| How to fix: A small test stays in one process. Mock the call*"])


@pytest.mark.skipif(sys.platform == "win32", reason="fork and posix_spawn are POSIX only")
def test_small_subprocesses_run_in_warn_mode_and_are_listed(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile("import pytest\npytestmark = pytest.mark.small\n" + SUBPROCESSES)
    result = run_isolated("warn")
    result.assert_outcomes(passed=6)
    assert [line.split(": ", 1)[1] for line in listed(result)] == [
        f"TC003 subprocess: start a subprocess: {sys.executable} -c pass",
        "TC003 subprocess: run a shell command: exit 0",
        f"TC003 subprocess: spawn a process: {sys.executable} -c pass",
        f"TC003 subprocess: spawn a process: {sys.executable} -c pass",
        "TC003 subprocess: fork the test process",
        "TC003 subprocess: start a subprocess: /bin/sh -c echo hi",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="fork and posix_spawn are POSIX only")
def test_medium_and_larger_tests_may_start_processes(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        "import pytest\n"
        "@pytest.fixture(params=['medium', 'large', 'xlarge'])\n"
        "def size(request): return request.param\n" + SUBPROCESSES.replace("():", "(size):")
    )
    pytester.makeconftest(
        """
        import pytest

        def pytest_collection_modifyitems(items):
            for item in items:
                item.add_marker(getattr(pytest.mark, item.callspec.params["size"]))
        """
    )
    result = run_isolated("strict")
    result.assert_outcomes(passed=18)
    result.stdout.no_fnmatch_line("*TC003*")


def test_exec_is_stopped_before_the_process_is_replaced(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import os
        import sys
        import pytest

        @pytest.mark.small
        def test_exec():
            os.execv(sys.executable, [sys.executable, "-c", "print('replaced')"])

        @pytest.mark.small
        def test_still_running_afterwards():
            pass
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [f"FAILED *test_exec - *TC003 subprocess: replace the process with: {sys.executable} -c print*"]
    )
    result.stdout.no_fnmatch_line("replaced")
