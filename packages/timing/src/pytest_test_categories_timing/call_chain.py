"""Where a stopped test was: the chain of calls or awaits from the test function inwards.

Only computed when a test is stopped, so it may take its time; it never runs per test.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
from pathlib import Path
from types import CodeType, FrameType, TracebackType
from typing import Any

from pytest_test_categories_timing.compat import awaited_future

_MAX_DEPTH = 64


_DOCTEST = "<doctest "


def describe_frame(frame: FrameType, root: Path) -> str:
    code = frame.f_code
    if code.co_filename.startswith(_DOCTEST):  # an example of a doctest: "<doctest mod.f[1]>"
        return f"{code.co_filename}:{frame.f_lineno}"
    module = frame.f_globals.get("__name__")
    where = short_path(code.co_filename, root, module if isinstance(module, str) else None)
    return f"{code.co_qualname} ({where}:{frame.f_lineno})"


def short_path(filename: str, root: Path, module: str | None = None) -> str:
    """The path relative to the rootdir; outside it, the path of its module from the top package
    (``anyio/_backends/_asyncio.py``, ``asyncio/locks.py``: which library it is, not only which
    folder), or the file's last two parts."""
    path = Path(filename)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    if module and module != "__main__":
        parts = module.split(".")
        if path.name == "__init__.py":
            parts.append("__init__")
        if path.stem == parts[-1] and len(parts) <= len(path.parts):
            return "/".join([*parts[:-1], path.name])
    return "/".join(path.parts[-2:])


def frame_chain(frame: FrameType | None, test_code: CodeType | None, root: Path) -> tuple[str, ...]:
    """The frames from the test function down to ``frame`` (just ``frame`` if the test is not found)."""
    frames: list[FrameType] = []
    current = frame
    while current is not None and len(frames) < _MAX_DEPTH:
        frames.append(current)
        if current.f_code is test_code or (
            test_code is None and current.f_code.co_filename.startswith(_DOCTEST)
        ):
            return tuple(describe_frame(each, root) for each in reversed(frames) if not _hidden(each))
        current = current.f_back
    # Not in the test (stopped in a fixture's code, a doctest, or before the test body started):
    # the innermost frame that is not the test machinery's.
    shown = [each for each in frames if not _hidden(each) and not _machinery(each)]
    return tuple(describe_frame(each, root) for each in shown[:1])


_MACHINERY = ("_pytest", "pluggy", "pytest", "pytest_test_categories_timing")


def _machinery(frame: FrameType) -> bool:
    return str(frame.f_globals.get("__name__", "")).split(".", 1)[0] in _MACHINERY


def _hidden(frame: FrameType) -> bool:
    """Frames pytest hides from tracebacks (``__tracebackhide__``) are left out here too."""
    return bool(frame.f_locals.get("__tracebackhide__", False))


def await_chain(task: asyncio.Task[Any] | None, coroutine: object, root: Path) -> tuple[str, ...]:
    """What a suspended coroutine is awaiting, followed through helpers, tasks and gathers.

    The test coroutine awaits a helper, which awaits ``asyncio.sleep``: each suspended coroutine
    says where it is (``cr_frame``) and what it awaits (``cr_await``). At the bottom, the task's
    ``_fut_waiter`` is the future it is blocked on; an awaited task or a gather is followed in.
    """
    chain: list[str] = []
    chain_frames: list[FrameType] = []
    current: object = coroutine
    while current is not None and len(chain) < _MAX_DEPTH:
        frame = _frame_of(current)
        if frame is not None:
            if not _hidden(frame):
                chain.append(describe_frame(frame, root))
            chain_frames.append(frame)
            current = _awaited_by(current)
            continue
        generator = _generator_behind(current)
        if generator is not None:
            current = generator
            continue
        waiter = awaited_future(task) if task is not None else None
        children = _children_of(waiter) or _task_group_children(chain_frames[-1] if chain_frames else None)
        if children:
            pending = [child for child in children if not child.done()]
            kind = "gather" if _children_of(waiter) else "task group"
            chain.append(f"{kind} ({len(pending)} of {len(children)} still running)")
            waiter = pending[0] if pending else None
        if isinstance(waiter, asyncio.Task):
            chain.append(f"task {waiter.get_name()!r}")
            task, current = waiter, waiter.get_coro()
            continue
        if waiter is not None:
            chain.append(type(waiter).__name__)
        break
    return tuple(chain)


def awaitable_running(coroutine: object, code: CodeType) -> object:
    """The coroutine or async generator of ``code`` that ``coroutine`` awaits, however deep
    (a stopped async fixture's own, found in its task)."""
    current = coroutine
    for _ in range(_MAX_DEPTH):
        if current is None:
            return None
        frame = _frame_of(current)
        if frame is not None:
            if frame.f_code is code:
                return current
            current = _awaited_by(current)
            continue
        current = _generator_behind(current)
    return None


def _frame_of(awaitable: object) -> FrameType | None:
    for name in ("cr_frame", "gi_frame", "ag_frame"):
        frame = getattr(awaitable, name, None)
        if isinstance(frame, FrameType):
            return frame
    return None


def _awaited_by(awaitable: object) -> object:
    for name in ("cr_await", "gi_yieldfrom", "ag_await"):
        if hasattr(awaitable, name):
            return getattr(awaitable, name)
    return None


_STEPS_OF_ASYNC_GENERATORS = frozenset({"async_generator_asend", "async_generator_athrow"})


def _generator_behind(step: object) -> object:
    """The async generator an ``async for`` step (``__anext__``, ``anext()``) is running.

    Those step objects expose nothing in Python; the collector's view of what they refer to
    does (only computed for a stopped test).
    """
    if type(step).__name__ not in _STEPS_OF_ASYNC_GENERATORS:
        return None
    for referent in gc.get_referents(step):
        if inspect.isasyncgen(referent):
            return referent
    return None


def _task_group_children(frame: FrameType | None) -> list[asyncio.Future[object]]:
    """The tasks of a task group whose ``async with`` block is waiting for them: an
    ``asyncio.TaskGroup``, or anyio's on asyncio (Starlette's middleware, TestClient, ...).
    Both keep their running tasks in a ``_tasks`` set."""
    if frame is None or frame.f_code.co_name != "__aexit__":
        return []
    group = frame.f_locals.get("self")
    if not isinstance(group, asyncio.TaskGroup) and not type(group).__module__.startswith("anyio."):
        return []
    tasks = getattr(group, "_tasks", None)
    if not isinstance(tasks, set):
        return []
    return [task for task in tasks if isinstance(task, asyncio.Future)]


def _children_of(awaitable: object) -> list[asyncio.Future[object]]:
    children = getattr(awaitable, "_children", None)  # what asyncio.gather waits for
    return list(children) if isinstance(children, list | tuple) else []


def test_line_of(error: BaseException, test_code: CodeType | None) -> TracebackType | None:
    """A one-entry traceback at the test function's line where ``error`` passed through."""
    found: TracebackType | None = None
    entry = error.__traceback__
    while entry is not None:
        if entry.tb_frame.f_code is test_code:
            found = entry
        entry = entry.tb_next
    if found is None:
        return None
    return TracebackType(None, found.tb_frame, found.tb_lasti, found.tb_lineno)
