"""Run pytest with the asyncmock plugin and the companions its fixtures build on."""

from __future__ import annotations

from collections.abc import Callable

import pytest

# pytest-asyncio and pytest-mock, by the names `-p` knows them with plugin autoload off.
COMPANIONS = ("asyncio", "pytest_mock")
INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"

RunAsyncmock = Callable[..., pytest.RunResult]


@pytest.fixture
def run_asyncmock(pytester: pytest.Pytester, run_with: Callable[..., pytest.RunResult]) -> RunAsyncmock:
    """``run_asyncmock(args=[...])``: autoload off, this plugin and its companions only.

    ``parts`` adds more of our plugins (``"markers"``, ``"timing"``); ``extra`` replaces the companions.
    """
    pytester.makeini(INI)

    def run(
        *parts: str,
        args: tuple[str, ...] | list[str] = (),
        extra: tuple[str, ...] | list[str] = COMPANIONS,
        subprocess: bool = False,
    ) -> pytest.RunResult:
        return run_with("asyncmock", *parts, args=args, extra=extra, subprocess=subprocess)

    return run
