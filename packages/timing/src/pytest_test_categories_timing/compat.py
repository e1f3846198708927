"""Every private API timing uses, in one place, each with a guard test (tests/timing/test_compat.py).

Checked against CPython 3.11 to 3.13, pytest 8.4 to 9.2 and pytest-timeout 2.3 to 2.4. When one
of these names disappears, the guard test names it; the plugin's import fails on the ``_pytest``
names, and the others fall back as each says.

- ``_pytest.outcomes.OutcomeException`` and ``Failed``: timing's stops derive from them (pytest
  exports ``Failed`` only as ``pytest.fail.Exception``, and ``OutcomeException`` not at all).
- ``_pytest.fixtures.SubRequest``: the request a fixture's set-up hook gets (no public name).
- ``_pytest.unittest.TestCaseFunction``: unittest's items run the ``TestCase``, not ``item.obj``.
- ``_signal``: the C functions behind the ``signal`` module, whose wrappers convert handlers to
  enums (about 8 microseconds per call for a bound method; the alarm calls them twice per test).
- pytest-timeout's ``config._env_timeout``: its resolved ``--timeout`` (command line, ini or
  ``PYTEST_TIMEOUT``); without it, timing does not see pytest-timeout's limit.
- ``FixtureDef.execute`` and ``FixtureDef.finish``: the methods pytest runs a fixture's set-up and
  teardown from (internal, though the class is public); a stopped set-up or teardown names its
  fixture by finding one of their frames. Without them, the message says "the test" instead.
- asyncio's ``Task._fut_waiter``: the future a task awaits (no public way to fail it); without
  it, the harder stop falls back to cancelling again, and a test that swallows every
  cancellation is ended by the last resort.
"""

from __future__ import annotations

import asyncio
import importlib
import signal
from types import ModuleType
from typing import Any

import pytest
from _pytest.fixtures import SubRequest
from _pytest.outcomes import Failed, OutcomeException
from _pytest.unittest import TestCaseFunction

__all__ = [
    "FIXTURE_RUNNERS",
    "Failed",
    "OutcomeException",
    "SubRequest",
    "TestCaseFunction",
    "awaited_future",
    "pytest_timeout_limit",
    "raw_signal",
]


FIXTURE_RUNNERS = ("execute", "finish")


def raw_signal(available: bool) -> ModuleType:
    """The C module behind ``signal`` where alarms are available, else ``signal`` itself."""
    return importlib.import_module("_signal") if available else signal


def pytest_timeout_limit(config: pytest.Config) -> Any:
    """pytest-timeout's resolved ``--timeout`` (None when it is not loaded or not set)."""
    return getattr(config, "_env_timeout", None)


def awaited_future(task: asyncio.Task[Any]) -> asyncio.Future[Any] | None:
    """The future the task is suspended on, or None (running, done, or an asyncio without it)."""
    waiter = getattr(task, "_fut_waiter", None)
    return waiter if isinstance(waiter, asyncio.Future) else None
