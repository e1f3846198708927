"""The one private API timing uses, kept here with a guard test (tests/timing/test_compat.py).

asyncio has no public way to fail the future a task awaits; ``Task._fut_waiter`` (in both the C
and the Python task) is that future. Without it, the harder stop falls back to cancelling again,
and a test that swallows every cancellation is ended by the last resort.
"""

from __future__ import annotations

import asyncio
from typing import Any


def awaited_future(task: asyncio.Task[Any]) -> asyncio.Future[Any] | None:
    """The future the task is suspended on, or None (running, done, or an asyncio without it)."""
    waiter = getattr(task, "_fut_waiter", None)
    return waiter if isinstance(waiter, asyncio.Future) else None
