"""One audit hook, gated by the running test: no bypass, no leak, no silencing, no double report."""

from __future__ import annotations

import pytest

from .conftest import RunIsolated, listed

pytestmark = pytest.mark.medium


def test_names_imported_before_the_plugin_configured_are_still_covered(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    # conftest.py is imported before pytest_configure, where a patching plugin would patch
    pytester.makeconftest(
        """
        from os import system
        from socket import create_connection, getaddrinfo
        from subprocess import Popen

        HELPERS = {"connect": create_connection, "lookup": getaddrinfo, "popen": Popen, "system": system}
        """
    )
    pytester.makepyfile(
        """
        import sys
        import pytest
        from conftest import HELPERS

        pytestmark = pytest.mark.small

        def test_early_create_connection():
            HELPERS["connect"](("127.0.0.1", 9), timeout=0.1)

        def test_early_getaddrinfo():
            HELPERS["lookup"]("example.org", 443)

        def test_early_popen():
            HELPERS["popen"]([sys.executable, "-c", "pass"]).wait()

        def test_early_system():
            HELPERS["system"]("exit 0")
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_early_create_connection - *TC001 network access: connect to 127.0.0.1:9",
            "FAILED *test_early_getaddrinfo - *TC001 network access: DNS lookup of 'example.org'",
            "FAILED *test_early_popen - *TC003 subprocess: start a subprocess: *",
            "FAILED *test_early_system - *TC003 subprocess: run a shell command: exit 0",
        ]
    )


def test_a_swallowed_violation_still_fails_the_test_in_strict_mode(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import contextlib
        import socket
        import subprocess
        import threading
        import time
        import pytest

        pytestmark = pytest.mark.small

        def test_except_exception():
            try:
                socket.create_connection(("127.0.0.1", 9), timeout=0.1)
            except Exception:
                pass

        def test_except_base_exception():
            try:
                subprocess.run(["true"])
            except BaseException:
                pass

        def test_suppress():
            with contextlib.suppress(Exception):
                time.sleep(0.01)

        def test_in_a_thread_that_dies_quietly():
            def work():
                try:
                    socket.getaddrinfo("example.org", 80)
                except Exception:
                    pass
            thread = threading.Thread(target=work, name="worker")
            thread.start()
            thread.join()

        def test_swallowed_then_skipped():
            with contextlib.suppress(Exception):
                socket.getaddrinfo("example.org", 80)
            pytest.skip("looks harmless")

        def test_swallowed_then_failed_for_its_own_reason():
            with contextlib.suppress(Exception):
                socket.getaddrinfo("example.org", 80)
            assert 1 + 1 == 3
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=6)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_except_exception - Failed: TC001 network access: connect to 127.0.0.1:9",
            "FAILED *test_except_base_exception - Failed: TC003 subprocess: start a subprocess: true",
            "FAILED *test_suppress - Failed: TC005 sleep: time.sleep(0.01)",
            "FAILED *test_in_a_thread_that_dies_quietly - Failed: TC001 network access: "
            "DNS lookup of 'example.org' (in thread worker)",
            "FAILED *test_swallowed_then_skipped - Failed: TC001 network access: DNS lookup of 'example.org'",
            "FAILED *test_swallowed_then_failed_for_its_own_reason - assert (1 + 1) == 3",
        ]
    )
    # the test's own failure is kept, and the violation is shown with it
    result.stdout.fnmatch_lines(
        [
            "*def test_swallowed_then_failed_for_its_own_reason*",
            "E       assert (1 + 1) == 3",
            "E       +-- TC001 network access --*",
            "E       | Test: *test_swallowed_then_failed_for_its_own_reason [[]small[]]",
        ],
        consecutive=False,
    )
    result.stdout.fnmatch_lines(
        ["The test went on after this (the error was caught, or it was raised in another thread); *"]
    )


def test_nothing_leaks_into_the_next_test_even_when_a_test_patches_the_same_functions(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import socket
        import time
        import pytest

        @pytest.mark.small
        def test_patches_connect_with_a_fake(monkeypatch):
            calls = []
            monkeypatch.setattr(socket.socket, "connect", lambda self, address: calls.append(address))
            socket.socket().connect(("127.0.0.1", 9))
            assert calls == [("127.0.0.1", 9)]

        @pytest.mark.small
        def test_real_connect_after_the_patch_is_undone():
            socket.create_connection(("127.0.0.1", 9), timeout=0.1)

        @pytest.mark.small
        def test_patches_sleep_with_a_fake(monkeypatch):
            slept = []
            monkeypatch.setattr(time, "sleep", slept.append)
            time.sleep(5)
            assert slept == [5]

        @pytest.mark.small
        def test_real_sleep_after_the_patch_is_undone():
            time.sleep(0.01)

        @pytest.mark.large
        def test_large_test_right_after_small_violations():
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("192.0.2.30", 80))
            time.sleep(0.01)

        @pytest.mark.small
        def test_types_are_untouched():
            sock = socket.socket()
            assert isinstance(sock, socket.socket)
            assert type(sock) is socket.socket
            assert socket.socket.__module__ == "socket"
            assert socket.create_connection.__module__ == "socket"
            assert socket.socket.connect is socket.socket.__mro__[1].connect
            sock.close()
        """
    )
    result = run_isolated("strict", "-vv", "-p", "no:randomly")
    result.assert_outcomes(passed=4, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*test_patches_connect_with_a_fake PASSED*",
            "*test_real_connect_after_the_patch_is_undone FAILED*",
            "*test_patches_sleep_with_a_fake PASSED*",
            "*test_real_sleep_after_the_patch_is_undone FAILED*",
            "*test_large_test_right_after_small_violations PASSED*",
            "*test_types_are_untouched PASSED*",
        ]
    )


def test_phases_setup_and_call_are_gated_shared_fixtures_and_teardown_are_not(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import socket
        import pytest

        def touch_network(host):
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex((host, 9))

        @pytest.fixture
        def function_fixture():
            touch_network("127.0.0.1")

        @pytest.fixture
        def cleanup_in_teardown():
            yield
            touch_network("127.0.0.2")

        @pytest.fixture(scope="session")
        def session_fixture():
            touch_network("127.0.0.3")

        @pytest.fixture(scope="module")
        def module_fixture():
            touch_network("127.0.0.4")

        @pytest.fixture(scope="class")
        def class_fixture():
            touch_network("127.0.0.5")

        pytestmark = pytest.mark.small

        def test_function_fixture(function_fixture):
            pass

        def test_teardown(cleanup_in_teardown):
            pass

        def test_shared_fixtures(session_fixture, module_fixture):
            pass

        class TestClass:
            def test_class_fixture(self, class_fixture):
                pass

        def test_fixture_requested_in_the_body(request):
            request.getfixturevalue("function_fixture")
        """
    )
    result = run_isolated("warn", "-vv")
    result.assert_outcomes(passed=5)
    assert listed(result) == [
        "test_phases_setup_and_call_are_gated_shared_fixtures_and_teardown_are_not.py::"
        "test_function_fixture: TC001 network access: connect to 127.0.0.1:9 "
        "(setting up the fixture 'function_fixture')",
        "test_phases_setup_and_call_are_gated_shared_fixtures_and_teardown_are_not.py::"
        "test_fixture_requested_in_the_body: TC001 network access: connect to 127.0.0.1:9 "
        "(setting up the fixture 'function_fixture')",
    ]
    strict = run_isolated("strict", "-vv")
    strict.assert_outcomes(passed=3, failed=1, errors=1)
    strict.stdout.fnmatch_lines(
        [
            "*test_fixture_requested_in_the_body - *connect to 127.0.0.1:9 (setting up the fix*",
            "ERROR *test_function_fixture - *TC001 network access: connect to 127.0.0.1:9 (setting up*",
        ],
        consecutive=False,
    )


NESTED_INNER = """
import socket
import pytest

@pytest.mark.small
def test_small_connects():
    sock = socket.socket()
    sock.setblocking(False)
    sock.connect_ex(("127.0.0.1", 9))

@pytest.mark.large
def test_large_reaches_out():
    sock = socket.socket()
    sock.setblocking(False)
    sock.connect_ex(("192.0.2.40", 80))
"""


def test_an_in_process_session_inside_a_test_stacks_and_hands_the_gate_back(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        f"""
        import socket
        import pytest

        INNER = {NESTED_INNER!r}
        PLUGINS = ["-p", "pytest_test_categories_markers.plugin", "-p", "pytest_test_categories_isolation.plugin"]

        def run_inner(pytester):
            pytester.makepyfile(test_inner=INNER)
            pytester.makeconftest(
                "CALLS = []\\n"
                "def pytest_test_categories_violation(item, violation):\\n"
                "    CALLS.append(violation.code)\\n"
                "def pytest_terminal_summary(terminalreporter):\\n"
                "    terminalreporter.line(f'listener calls: {{CALLS}}')\\n"
            )
            result = pytester.runpytest(*PLUGINS, "--test-categories-isolation=strict")
            result.assert_outcomes(passed=1, failed=1)
            assert result.stdout.str().count("| What happened: connect to 127.0.0.1:9") == 1
            result.stdout.fnmatch_lines(["listener calls: ['TC001']"])

        @pytest.mark.medium
        def test_outer_goes_on_gated_after_the_inner_run(pytester):
            run_inner(pytester)
            run_inner(pytester)
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("192.0.2.50", 80))

        @pytest.mark.medium
        def test_outer_loopback_is_still_fine(pytester):
            run_inner(pytester)
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("127.0.0.1", 9))
        """
    )
    pytester.makeconftest(
        """
        CALLS = []

        def pytest_test_categories_violation(item, violation):
            CALLS.append((item.name, violation.what_happened))

        def pytest_terminal_summary(terminalreporter):
            terminalreporter.line(f"outer listener calls: {CALLS}")
        """
    )
    result = run_isolated("strict", "-vv", extra=("pytester",))
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "outer listener calls: [('test_outer_goes_on_gated_after_the_inner_run', 'connect to 192.0.2.50:80')]",
            "FAILED *test_outer_goes_on_gated_after_the_inner_run - *TC001 network access: connect to 192.0.2.50:80",
        ]
    )


def test_pytest_machinery_between_tests_is_not_gated_and_never_errors_internally(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makeconftest(
        """
        import pathlib

        LOG = pathlib.Path("hook-log.txt")

        def pytest_runtest_logstart(nodeid, location):
            with LOG.open("a") as f:
                f.write(f"start {nodeid}\\n")

        def pytest_runtest_logreport(report):
            with LOG.open("a") as f:
                f.write(f"{report.when} {report.outcome}\\n")

        def pytest_test_categories_violation(item, violation):
            pathlib.Path("listener-wrote-this.txt").write_text(violation.summary)
            raise RuntimeError("a broken listener")
        """
    )
    pytester.makepyfile(
        """
        import socket
        import pytest

        @pytest.mark.small
        def test_violates():
            socket.getaddrinfo("example.org", 80)

        @pytest.mark.small
        def test_fine():
            pass
        """
    )
    result = run_isolated("strict", "-vv", "--junitxml=report.xml")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*= test categories: a violation listener raised =*",
            "*the violations were recorded and enforced all the same:",
            "*test_violates (TC001):",
            "Traceback (most recent call last):",
            '*conftest.py", line *, in pytest_test_categories_violation',
            "RuntimeError: a broken listener",
            "FAILED *test_violates - *TC001 network access: DNS lookup of 'example.org'",
        ],
        consecutive=False,
    )
    result.stdout.no_fnmatch_line("*INTERNALERROR*")
    result.stdout.no_fnmatch_line("*report this as a bug*")
    assert (pytester.path / "listener-wrote-this.txt").read_text().startswith("TC001 network access")
    assert "start" in (pytester.path / "hook-log.txt").read_text()
    assert (
        'name="test_categories_violation" value="TC001 network access: DNS lookup'
        in (pytester.path / "report.xml").read_text()
    )


def test_violations_ride_on_the_reports_and_reach_the_xdist_controller(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import socket
        import time
        import pytest

        @pytest.mark.small
        @pytest.mark.parametrize("n", range(4))
        def test_sleeps(n):
            time.sleep(0.001 * (n + 1))

        @pytest.mark.small
        def test_lookup():
            socket.getaddrinfo("localhost", 80)
        """
    )
    result = run_isolated("warn", "-n", "2", extra=("xdist.plugin",), subprocess=True)
    result.assert_outcomes(passed=5)
    assert sorted(line.split("::", 1)[1] for line in listed(result)) == [
        "test_lookup: TC001 network access: DNS lookup of 'localhost'",
        "test_sleeps[0]: TC005 sleep: time.sleep(0.001)",
        "test_sleeps[1]: TC005 sleep: time.sleep(0.002)",
        "test_sleeps[2]: TC005 sleep: time.sleep(0.003)",
        "test_sleeps[3]: TC005 sleep: time.sleep(0.004)",
    ]
