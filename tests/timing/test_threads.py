"""Off the main thread there is no alarm: async tests are cancelled by the shared watchdog,
sync tests are checked when they return."""

from __future__ import annotations

import threading

import pytest

from .limits import AUTO, LIMITS

pytestmark = pytest.mark.medium


def test_tests_run_off_the_main_thread(pytester, run_with):
    pytester.makepyfile(
        test_threaded="""
        import asyncio
        import time
        import pytest

        async def wait_for_reply():
            await asyncio.Event().wait()

        @pytest.mark.small
        async def test_async_hangs():
            await wait_for_reply()

        @pytest.mark.small
        def test_sync_slow():
            time.sleep(0.4)

        @pytest.mark.small
        async def test_async_fast():
            await asyncio.sleep(0)
        """
    )
    results: list[pytest.RunResult] = []
    runner = threading.Thread(
        target=lambda: results.append(
            run_with("markers", "timing", args=[*LIMITS, *AUTO, "-p", "no:faulthandler"], extra=["asyncio"])
        )
    )
    runner.start()
    runner.join(timeout=20)
    assert not runner.is_alive(), "the hung async test was not cancelled"
    (result,) = results
    result.assert_outcomes(failed=2, passed=1)
    result.stdout.fnmatch_lines_random(
        [
            "E*TC006*cancelled at the small limit of 0.2 s*while awaiting test_async_hangs (*) "
            "-> wait_for_reply (*) -> Event.wait (*)*",
            "TC006 time limit exceeded: took 0.4* s, over the small limit of 0.2 s "
            "(not stopped earlier: it ran outside the main thread)",
        ]
    )
