"""Under pytest-xdist each worker stops its own hung tests, and the violation reaches the controller."""

from __future__ import annotations

import time

import pytest

from .limits import AUTO, HUNG_FOR, LIMITS

pytestmark = pytest.mark.medium


def test_workers_stop_hung_tests_and_report_the_violation(pytester, run_with):
    pytester.makepyfile(
        test_hung=f"""
        import asyncio
        import time
        import pytest

        async def wait_for_reply():
            await asyncio.sleep({HUNG_FOR})

        @pytest.mark.small
        async def test_async_hangs():
            await wait_for_reply()

        @pytest.mark.small
        def test_sync_hangs():
            time.sleep({HUNG_FOR})

        @pytest.mark.small
        @pytest.mark.parametrize("n", range(4))
        def test_fast(n):
            pass
        """
    )
    started = time.perf_counter()
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, *AUTO, "-n", "2", "--junitxml", "report.xml"],
        extra=["xdist.plugin", "asyncio"],
        subprocess=True,
    )
    assert time.perf_counter() - started < HUNG_FOR
    result.assert_outcomes(failed=2, passed=4)
    result.stdout.fnmatch_lines_random(
        [
            "*TC006*cancelled at the small limit of 0.2 s*while awaiting test_async_hangs (test_hung.py:*) "
            "-> wait_for_reply (test_hung.py:*)*",
            "*TC006*stopped at the small limit of 0.2 s*while running test_sync_hangs (test_hung.py:*)*",
        ]
    )
    report = (pytester.path / "report.xml").read_text()
    assert report.count('<property name="test_categories_violation" value="TC006 time limit exceeded:') == 2
