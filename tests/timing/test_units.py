"""The plain functions behind the plugin: messages, grace, where a test was, debugger detection."""

from __future__ import annotations

import asyncio
import bdb
import contextlib
import types
from collections.abc import Generator
from pathlib import Path

import anyio
import pytest

from pytest_test_categories_core import DEFAULT_TIME_LIMITS, TestSize
from pytest_test_categories_timing.call_chain import await_chain, short_path
from pytest_test_categories_timing.debugger import is_debugger
from pytest_test_categories_timing.messages import BUDGET, SIZE_LIMIT, Texts, carried_on, stopped, took
from pytest_test_categories_timing.settings import grace_for

pytestmark = pytest.mark.small

HERE = Path(__file__).resolve().parent
TEXTS = Texts(limits=DEFAULT_TIME_LIMITS, root=HERE)


@pytest.mark.parametrize(("limit", "grace"), [(0.2, 0.1), (1.0, 0.25), (2.0, 0.5), (300.0, 1.0)])
def test_grace_is_a_quarter_of_the_limit_within_bounds(limit, grace):
    assert grace_for(limit) == grace


def test_the_advice_names_the_next_size_and_its_limit():
    assert "(@pytest.mark.medium allows 300 s)" in TEXTS.how_to_fix(TestSize.SMALL, SIZE_LIMIT)
    assert "larger size" not in TEXTS.how_to_fix(TestSize.XLARGE, SIZE_LIMIT)
    assert "at most the small limit of 1 s" in TEXTS.how_to_fix(TestSize.SMALL, BUDGET)


def test_the_allowance_says_limit_or_budget():
    assert TEXTS.allowance(TestSize.SMALL, 1.0, SIZE_LIMIT) == "the small limit of 1 s"
    assert (
        TEXTS.allowance(TestSize.MEDIUM, 2.5, BUDGET)
        == "its budget of 2.5 s (@pytest.mark.medium(timeout=2.5))"
    )


def test_what_happened_texts():
    assert stopped("the small limit of 1 s", 1.004, ("t (a.py:3)", "h (a.py:1)"), awaiting=True) == (
        "cancelled at the small limit of 1 s (after 1.00 s) while awaiting t (a.py:3) -> h (a.py:1)"
    )
    assert stopped("x", 2.0, (), awaiting=False) == "stopped at x (after 2.00 s)"
    assert carried_on("x", 1.5) == "caught the stop at x and carried on; it ended after 1.50 s"
    assert took("x", 3.0, None) == "took 3.00 s, over x"
    assert took("x", 3.0, "why") == "took 3.00 s, over x (not stopped earlier: why)"


def test_paths_are_relative_to_the_root_or_shortened():
    assert short_path(str(HERE / "sub" / "test_x.py"), HERE) == "sub/test_x.py"
    assert short_path("/usr/lib/python3.11/asyncio/locks.py", HERE) == "asyncio/locks.py"
    # with its module known, a library's file keeps its package: which library, not only which folder
    site = "/venv/lib/python3.11/site-packages/anyio/_backends/_asyncio.py"
    assert short_path(site, HERE, "anyio._backends._asyncio") == "anyio/_backends/_asyncio.py"
    assert short_path("/usr/lib/python3.11/threading.py", HERE, "threading") == "threading.py"
    assert short_path("/venv/site-packages/anyio/__init__.py", HERE, "anyio") == "anyio/__init__.py"
    assert short_path("/somewhere/script.py", HERE, "__main__") == "somewhere/script.py"


class _Pending:
    def __await__(self) -> Generator[_Pending, None, None]:
        yield self


async def _innermost() -> None:
    await _Pending()


async def _outermost() -> None:
    await _innermost()


def test_the_await_chain_follows_suspended_coroutines_inwards():
    coroutine = _outermost()
    coroutine.send(None)  # runs until it is suspended in _Pending.__await__
    try:
        chain = await_chain(None, coroutine, HERE)
    finally:
        coroutine.close()
    assert [link.split(" (")[0] for link in chain] == ["_outermost", "_innermost", "_Pending.__await__"]
    assert chain[0].startswith("_outermost (test_units.py:")


async def _rows():
    await _innermost()
    yield 1


async def _reads_rows() -> None:
    async for _ in _rows():
        pass


def test_the_await_chain_goes_into_async_generators():
    coroutine = _reads_rows()
    coroutine.send(None)
    try:
        chain = await_chain(None, coroutine, HERE)
    finally:
        coroutine.close()
    assert [link.split(" (")[0] for link in chain] == [
        "_reads_rows",
        "_rows",
        "_innermost",
        "_Pending.__await__",
    ]


async def _worker(started: asyncio.Event) -> None:
    started.set()
    await asyncio.Event().wait()


async def _asyncio_group(started: asyncio.Event) -> None:
    async with asyncio.TaskGroup() as group:
        group.create_task(_worker(started), name="worker")


async def _anyio_group(started: asyncio.Event) -> None:
    async with anyio.create_task_group() as group:  # what Starlette's middleware runs in
        group.start_soon(_worker, started, name="worker")


@pytest.mark.parametrize(
    ("body", "group_file"),
    [(_asyncio_group, "asyncio/taskgroups.py"), (_anyio_group, "anyio/_backends/_asyncio.py")],
    ids=["asyncio", "anyio"],
)
def test_the_await_chain_goes_into_a_task_groups_tasks(body, group_file):
    async def main() -> tuple[str, ...]:
        started = asyncio.Event()
        task = asyncio.create_task(body(started))
        await started.wait()
        await asyncio.sleep(0)
        chain = await_chain(task, task.get_coro(), HERE)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return chain

    chain = asyncio.run(main())
    assert [link.split(" (")[0] for link in chain] == [
        body.__qualname__,
        "TaskGroup.__aexit__",
        "task group",
        "task 'worker'",
        "_worker",
        "Event.wait",
        "Future",
    ]
    assert "task group (1 of 1 still running)" in chain
    assert any(link.startswith(f"TaskGroup.__aexit__ ({group_file}:") for link in chain)


def test_only_debuggers_count_as_debuggers():
    class Debugger(bdb.Bdb):
        pass

    pydevd_like = types.new_class("ThreadTracer")
    pydevd_like.__module__ = "_pydevd_bundle.pydevd_trace_dispatch"

    def profiler(frame: object, event: str, arg: object) -> None:
        return None

    assert is_debugger(Debugger().trace_dispatch)
    assert is_debugger(pydevd_like())
    assert not is_debugger(profiler)
