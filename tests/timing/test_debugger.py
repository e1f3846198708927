"""Nobody is stopped, or failed for their time, while a debugger holds the test."""

from __future__ import annotations

import sys

import pytest

from .limits import LIMITS

pytestmark = pytest.mark.medium

PLUGINS = ["-p", "pytest_test_categories_markers.plugin", "-p", "pytest_test_categories_timing.plugin"]


def run_typing(pytester: pytest.Pytester, keys: bytes, *args: str) -> pytest.RunResult:
    """Run pytest in a subprocess, typing ``keys`` at the debugger prompt."""
    pytester.makeini("[pytest]\n")
    return pytester.run(
        sys.executable, "-m", "pytest", *PLUGINS, *LIMITS, "-p", "no:cacheprovider", *args, stdin=keys
    )


@pytest.fixture(autouse=True)
def _no_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def test_a_test_that_entered_the_debugger_is_neither_stopped_nor_failed(pytester):
    pytester.makepyfile(
        test_debugged="""
        import time
        import pytest

        @pytest.mark.small
        def test_debugged():
            breakpoint()
            time.sleep(0.5)
            done = True
        """
    )
    result = run_typing(pytester, b"continue\n")
    result.stdout.fnmatch_lines(["*PDB set_trace*", "*1 passed*"])
    result.stdout.no_fnmatch_line("*TC006*")


def test_trace_option_turns_stops_off(pytester):
    pytester.makepyfile(
        test_traced="""
        import time
        import pytest

        @pytest.mark.small
        def test_traced():
            time.sleep(0.5)
        """
    )
    result = run_typing(pytester, b"continue\n", "--trace")
    result.stdout.fnmatch_lines(["*PDB runcall*", "*1 passed*"])
    result.stdout.no_fnmatch_line("*TC006*")


def test_pdb_option_turns_stops_off_but_the_limit_still_counts(pytester):
    pytester.makepyfile(
        test_post_mortem="""
        import time
        import pytest

        @pytest.mark.small
        def test_slow():
            time.sleep(0.5)
        """
    )
    result = run_typing(pytester, b"continue\n", "--pdb")
    result.stdout.fnmatch_lines(
        [
            "*TC006 time limit exceeded: took 0.5* s, over the small limit of 0.2 s "
            "(not stopped earlier: --pdb or --trace is on)*",
            "*PDB post_mortem*",
            "*1 failed*",
        ]
    )


def test_a_debugger_trace_function_prevents_the_stop_but_a_profiler_does_not(pytester, run_with):
    # What pdb, pydevd and debugpy have in common: a trace function owned by a debugger object.
    pytester.makepyfile(
        test_traced="""
        import bdb
        import sys
        import time
        import pytest

        class QuietDebugger(bdb.Bdb):
            def trace_dispatch(self, frame, event, arg):
                return None

        @pytest.mark.small
        def test_under_a_debugger():
            sys.settrace(QuietDebugger().trace_dispatch)
            try:
                time.sleep(0.5)
            finally:
                sys.settrace(None)

        @pytest.mark.small
        def test_under_a_coverage_like_tracer():
            sys.settrace(lambda frame, event, arg: None)
            try:
                time.sleep(0.5)
            finally:
                sys.settrace(None)
        """
    )
    result = run_with("markers", "timing", args=[*LIMITS, "-v"])
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*::test_under_a_debugger PASSED*",
            "*::test_under_a_coverage_like_tracer FAILED*",
        ]
    )
