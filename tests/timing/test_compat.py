"""Guard for the one private asyncio attribute timing reads (``compat.awaited_future``)."""

from __future__ import annotations

import asyncio

import pytest

from pytest_test_categories_timing.compat import awaited_future
from pytest_test_categories_timing.escalation import fail_awaited

pytestmark = pytest.mark.small


@pytest.mark.parametrize("task_factory", ["c", "python"])
def test_the_future_a_task_awaits_can_be_failed_past_its_except_cancelled_error(task_factory):
    async def swallows() -> str:
        while True:
            try:  # noqa: SIM105 (the shape under test)
                await asyncio.sleep(60)
            except asyncio.CancelledError:
                pass

    async def main() -> BaseException | None:
        if task_factory == "python":
            task = asyncio.tasks._PyTask(swallows())  # type: ignore[attr-defined]
        else:
            task = asyncio.ensure_future(swallows())
        await asyncio.sleep(0)
        task.cancel()
        await asyncio.sleep(0)  # swallowed: it awaits a new sleep
        waiter = awaited_future(task)
        assert waiter is not None
        assert not waiter.done()
        assert fail_awaited(task, _Stop())
        try:
            await task
        except _Stop as stopped:
            return stopped
        return None

    assert isinstance(asyncio.run(main()), _Stop)


class _Stop(BaseException):
    """Neither a CancelledError nor an Exception, like TimeLimitReached."""
