"""Guards for every private name timing uses (``compat.py``): each fails loudly when one disappears."""

from __future__ import annotations

import asyncio

import pytest

from pytest_test_categories_timing import compat
from pytest_test_categories_timing.compat import (
    Failed,
    OutcomeException,
    SubRequest,
    awaited_future,
    pytest_timeout_limit,
    raw_signal,
)
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


def test_pytests_private_classes_are_what_timing_takes_them_for() -> None:
    assert pytest.fail.Exception is Failed
    assert issubclass(Failed, OutcomeException)
    assert issubclass(compat.TestCaseFunction, pytest.Function)
    assert issubclass(SubRequest, pytest.FixtureRequest)


def test_the_c_signal_module_has_the_functions_the_alarm_calls() -> None:
    raw = raw_signal(True)

    assert raw.__name__ == "_signal"
    assert all(callable(getattr(raw, name, None)) for name in ("getsignal", "signal", "setitimer"))


@pytest.mark.medium
def test_pytest_timeouts_resolved_limit_is_read(pytester: pytest.Pytester) -> None:
    # (plugins autoload here: pytest-asyncio's warns at configure without this setting)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    config = pytester.parseconfigure("-p", "timeout", "--timeout=7")

    assert pytest_timeout_limit(config) == 7


@pytest.mark.parametrize("name", compat.FIXTURE_RUNNERS)
def test_pytest_runs_fixtures_from_the_methods_a_stop_looks_for(name: str) -> None:
    method = getattr(pytest.FixtureDef, name, None)
    assert callable(method), f"pytest.FixtureDef has no {name}() any more"
    assert method.__code__.co_name == name
