"""pytest-test-categories: the whole family in one install; this module re-exports its public API."""

from pytest_test_categories_asyncmock import (
    ApiRouter,
    AsyncContextManagerMock,
    AsyncIteratorMock,
    AsyncMocker,
    UnmockedRequestError,
    VirtualClock,
)
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
