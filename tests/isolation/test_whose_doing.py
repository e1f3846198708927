"""Only the test's own code is judged: not other plugins' hooks, not finalizers, not an xfail escape."""

from __future__ import annotations

import pytest

from .conftest import RunIsolated, listed

pytestmark = pytest.mark.medium


def test_other_hooks_of_the_test_phases_are_not_the_tests_doing(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    # What coverage's per-test contexts or a logging conftest do around every test.
    pytester.makeconftest(
        """
        import pathlib
        import pytest

        LOG = pathlib.Path("phases.log")

        def pytest_runtest_setup(item):
            with LOG.open("a") as f:
                f.write(f"setup {item.name}\\n")

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtest_call(item):
            with LOG.open("a") as f:
                f.write(f"call {item.name}\\n")
        """
    )
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.small

        @pytest.fixture
        def numbers():
            return [1, 2, 3]

        def test_pure(numbers):
            assert sum(numbers) == 6

        def test_writes(tmp_path):
            (tmp_path / "out.txt").write_text("x")
        """
    )
    result = run_isolated("strict", "-rA", "-vv")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["FAILED *test_writes - *TC002 filesystem access: open *out.txt for writing"])
    assert (pytester.path / "phases.log").read_text().splitlines() == [
        "setup test_pure",
        "call test_pure",
        "setup test_writes",
        "call test_writes",
    ]


def test_unittest_and_xunit_style_tests_are_still_judged(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import contextlib
        import socket
        import unittest
        import pytest

        @pytest.mark.small
        class TestWithUnittest(unittest.TestCase):
            def setUp(self):
                self.host = "example.org"

            def test_lookup(self):
                with contextlib.suppress(OSError):
                    socket.getaddrinfo(self.host, 80)

        @pytest.mark.small
        class TestXunit:
            def setup_method(self, method):
                with contextlib.suppress(OSError):
                    socket.getaddrinfo("example.net", 80)

            def test_body(self):
                pass
        """
    )
    result = run_isolated("warn")
    result.assert_outcomes(passed=2)
    assert listed(result) == [
        "test_unittest_and_xunit_style_tests_are_still_judged.py::TestWithUnittest::test_lookup: "
        "TC001 network access: DNS lookup of 'example.org'",
        "test_unittest_and_xunit_style_tests_are_still_judged.py::TestXunit::test_body: "
        "TC001 network access: DNS lookup of 'example.net' (in setup_method)",
    ]


def test_a_violation_is_not_an_expected_failure_in_strict_mode(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import contextlib
        import socket
        import pytest

        pytestmark = pytest.mark.small

        @pytest.mark.xfail(reason="flaky elsewhere", strict=True)
        def test_strict_xfail_swallows():
            with contextlib.suppress(Exception):
                socket.getaddrinfo("example.org", 80)

        @pytest.mark.xfail(reason="known bug")
        def test_xfail_raises():
            socket.getaddrinfo("example.org", 80)

        @pytest.mark.xfail(reason="known bug")
        def test_xfail_without_violation():
            assert 1 + 1 == 3
        """
    )
    result = run_isolated("strict", "-rA", "-vv")
    result.assert_outcomes(failed=2, xfailed=1)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_strict_xfail_swallows - Failed: TC001 network access: DNS lookup of 'example.org'",
            "FAILED *test_xfail_raises - *IsolationViolationError: TC001 network access: DNS lookup*",
        ],
        consecutive=False,
    )
    result.stdout.fnmatch_lines(["XFAIL *test_xfail_without_violation - known bug"])
    warn = run_isolated("warn", "-rA", "-vv")
    warn.assert_outcomes(failed=1, xfailed=2)  # warn: the outcomes are the test's own
    # pytest 9 puts the reason on the summary line, pytest 8 in the failure's section
    warn.stdout.fnmatch_lines(["*XPASS(strict)*"])
    warn.stdout.fnmatch_lines(["FAILED *test_strict_xfail_swallows*"])


def test_a_violation_in_a_fixture_requested_by_the_body_is_shown_once(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import contextlib
        import socket
        import pytest

        @pytest.fixture
        def resolved():
            with contextlib.suppress(Exception):
                socket.getaddrinfo("example.org", 80)

        @pytest.mark.small
        def test_asks_late(request):
            request.getfixturevalue("resolved")
        """
    )
    result = run_isolated("strict")
    result.assert_outcomes(failed=1)
    assert result.stdout.str().count("| What happened: DNS lookup of 'example.org'") == 1


def test_tools_that_keep_files_for_the_test_are_not_blamed(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    # hypothesis saves the examples it found; syrupy writes the snapshots --snapshot-update asks for
    pytester.makepyfile(
        test_tools="""
        import pytest
        from hypothesis import given, settings, strategies as st
        from syrupy.extensions.json import JSONSnapshotExtension

        pytestmark = pytest.mark.small

        @given(st.integers())
        @settings(max_examples=20)
        def test_property(n):
            assert n + 0 == n

        def test_single_file_snapshot(snapshot):
            assert {"id": 1, "items": ["A"]} == snapshot(extension_class=JSONSnapshotExtension)

        def test_amber_snapshot(snapshot):
            assert {"id": 1} == snapshot
        """
    )
    update = run_isolated("strict", "--snapshot-update", "-p", "no:randomly", extra=("syrupy",))
    update.assert_outcomes(passed=3)
    assert (pytester.path / "__snapshots__" / "test_tools" / "test_single_file_snapshot.json").is_file()
    compare = run_isolated("strict", "-p", "no:randomly", extra=("syrupy",))
    compare.assert_outcomes(passed=3)
