"""pytest-test-categories: the whole family in one install; this module re-exports its public API.

The asyncmock names are looked up when first used, as asyncmock itself does: importing this
module imports no httpx, respx, pytest-mock or any other library's pytest plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_test_categories_core import (
    CODES,
    DEFAULT_TIME_LIMITS,
    Enforcement,
    TestSize,
    Violation,
    budget_of,
    render_violation,
    report_violation,
    size_of,
    time_limit_for,
    time_limits,
)
from pytest_test_categories_isolation import IsolationViolationError
from pytest_test_categories_markers import (
    LargeTest,
    MediumTest,
    SmallTest,
    UnsizedTestsWarning,
    XLargeTest,
)
from pytest_test_categories_reporting import SCHEMA_VERSION, load_schema
from pytest_test_categories_timing import TimeLimitExceeded, TimeLimitWarning

if TYPE_CHECKING:
    from pytest_test_categories_asyncmock import (
        ApiRouter,
        AsyncContextManagerMock,
        AsyncIteratorMock,
        AsyncMocker,
        UnmockedRequestError,
        VirtualClock,
    )

_FROM_ASYNCMOCK = frozenset(
    {
        "ApiRouter",
        "AsyncContextManagerMock",
        "AsyncIteratorMock",
        "AsyncMocker",
        "UnmockedRequestError",
        "VirtualClock",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _FROM_ASYNCMOCK:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import pytest_test_categories_asyncmock

    return getattr(pytest_test_categories_asyncmock, name)


__all__ = [
    "CODES",
    "DEFAULT_TIME_LIMITS",
    "SCHEMA_VERSION",
    "ApiRouter",
    "AsyncContextManagerMock",
    "AsyncIteratorMock",
    "AsyncMocker",
    "Enforcement",
    "IsolationViolationError",
    "LargeTest",
    "MediumTest",
    "SmallTest",
    "TestSize",
    "TimeLimitExceeded",
    "TimeLimitWarning",
    "UnmockedRequestError",
    "UnsizedTestsWarning",
    "Violation",
    "VirtualClock",
    "XLargeTest",
    "budget_of",
    "load_schema",
    "render_violation",
    "report_violation",
    "size_of",
    "time_limit_for",
    "time_limits",
]
