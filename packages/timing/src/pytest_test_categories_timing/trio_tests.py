"""pytest-trio's tests are stopped through trio, like anyio's tests on trio.

pytest-trio replaces a ``@pytest.mark.trio`` test's function with a sync one that calls
``trio.run``, in its own ``pytest_runtest_call``; an alarm's stop raised wherever trio is (in its
I/O wait) would break trio, and the session with it. Core's pipeline runs before that hook, so
the coroutine trio runs is already timing's layer (``watch_layer``), which cancels the test
through a cancel scope at its limit, as it does for anyio's trio backend. What is left here is
reading the failure pytest-trio raises.
"""

from __future__ import annotations

from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitReached


def sole_stop(error: BaseExceptionGroup[BaseException]) -> BaseException:
    """pytest-trio raises the test's failure inside a group (its nursery's): our stop alone is itself."""
    leaves: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending:
        each = pending.pop()
        if isinstance(each, BaseExceptionGroup):
            pending.extend(each.exceptions)
        else:
            leaves.append(each)
    if len(leaves) == 1 and isinstance(leaves[0], TimeLimitExceeded | TimeLimitReached):
        return leaves[0]
    return error
