"""The async-testing guide's timing examples behave as their comments say, with default settings.

The examples are the guide's own (imports added); the limit is the default one second.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.medium

GUIDE_TIMING_EXAMPLES = """
import asyncio
import pytest


@pytest.mark.small  # Must complete in < 1 second
@pytest.mark.asyncio
async def test_quick_async_operation():
    \"\"\"This passes: total time < 1 second.\"\"\"
    await asyncio.sleep(0.1)  # 100ms
    await asyncio.sleep(0.1)  # 100ms
    # Total: ~200ms, well under 1 second


@pytest.mark.small  # FAILS: takes > 1 second
@pytest.mark.asyncio
async def test_slow_async_operation():
    \"\"\"This fails: total time > 1 second.\"\"\"
    await asyncio.sleep(2)  # 2 seconds


async def slow_operation() -> str:
    await asyncio.sleep(0.3)
    return "done"


@pytest.mark.small  # Passes: concurrent execution
@pytest.mark.asyncio
async def test_concurrent_operations():
    \"\"\"Three 300ms operations run concurrently in ~300ms total.\"\"\"
    results = await asyncio.gather(
        slow_operation(),
        slow_operation(),
        slow_operation(),
    )

    assert len(results) == 3
    assert all(r == "done" for r in results)


@pytest.mark.small
@pytest.mark.asyncio
async def test_timeout_raises():
    \"\"\"Test that slow operation times out.\"\"\"
    with pytest.raises(asyncio.TimeoutError):
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)  # Longer than timeout


async def long_running_task():
    \"\"\"Task that can be cancelled.\"\"\"
    try:
        await asyncio.sleep(10)
        return "completed"
    except asyncio.CancelledError:
        return "cancelled"


@pytest.mark.small
@pytest.mark.asyncio
async def test_task_cancellation():
    \"\"\"Test that task handles cancellation gracefully.\"\"\"
    task = asyncio.create_task(long_running_task())

    await asyncio.sleep(0.1)  # Let task start
    task.cancel()

    result = await task
    assert result == "cancelled"
"""


@pytest.mark.parametrize("plugins", ["timing alone", "full bundle"])
def test_the_guide_timing_examples_pass_and_fail_as_commented(pytester, run_with, monkeypatch, plugins):
    pytester.makepyfile(test_guide=GUIDE_TIMING_EXAMPLES)
    args = ["-v", "--durations=0", "-o", "asyncio_default_fixture_loop_scope=function"]
    if plugins == "full bundle":
        monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        result = pytester.runpytest_subprocess(*args, "-p", "no:cacheprovider")
    else:
        result = run_with("markers", "timing", args=args, extra=["asyncio"])
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines_random(
        [
            "*::test_quick_async_operation PASSED*",
            "*::test_slow_async_operation FAILED*",
            "*::test_concurrent_operations PASSED*",
            "*::test_timeout_raises PASSED*",
            "*::test_task_cancellation PASSED*",
            "E*TC006 time limit exceeded: cancelled at the small limit of 1 s (after 1.0* s) "
            "while awaiting test_slow_async_operation (test_guide.py:*) -> sleep (asyncio/tasks.py:*)*",
        ]
    )
    # Stopped at its one-second limit, not after the two seconds it would have slept.
    found = re.search(r"([\d.]+)s call +test_guide.py::test_slow_async_operation", result.stdout.str())
    assert found is not None, result.stdout.str()
    assert 1.0 <= float(found.group(1)) < 1.9


def test_a_small_async_test_awaiting_forever_fails_in_about_a_second_with_its_awaits(pytester, run_with):
    pytester.makepyfile(
        test_forever="""
        import asyncio
        import pytest

        async def next_message(queue):
            return await queue.get()

        @pytest.mark.small
        @pytest.mark.asyncio
        async def test_waits_for_a_message_that_never_comes():
            await next_message(asyncio.Queue())
        """
    )
    result = run_with(
        "markers",
        "timing",
        args=["--durations=0", "-o", "asyncio_default_fixture_loop_scope=function"],
        extra=["asyncio"],
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TC006 time limit exceeded: cancelled at the small limit of 1 s (after 1.0* s) while awaiting "
            "test_waits_for_a_message_that_never_comes (test_forever.py:10) "
            "-> next_message (test_forever.py:5) -> Queue.get (asyncio/queues.py:*) -> Future",
        ]
    )
    found = re.search(r"([\d.]+)s call +test_forever.py::", result.stdout.str())
    assert found is not None, result.stdout.str()
    assert 1.0 <= float(found.group(1)) < 1.9
